/* Helpers shared by the C programs of forklu's suite (musl libc-test style):
 * each program has its own main, reports failures with file:line through t_error,
 * and exits non-zero when any check failed. */
#ifndef FORKLU_T_H
#define FORKLU_T_H

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef T_PEER
/* Peer mode: the same program against any LAPACK, loaded with dlopen from
 * FORKLU_PEER_LIB (symbol FORKLU_PEER_GETRF, FORKLU_PEER_BITS 32 or 64, thread setter
 * FORKLU_PEER_SETTER taking an int by value, FORKLU_PEER_PRELOAD loaded first). */
#define dgetrf_ t_peer_dgetrf_
#define forklu_set_num_threads t_peer_set_num_threads
#define forklu_get_num_threads t_peer_get_num_threads
#endif
#include "forklu.h"
#ifdef T_PEER
#include <dlfcn.h>
static void *t_peer_getrf;
static void (*t_peer_setter)(int);
static int t_peer_bits = 32, t_peer_threads = 1;

__attribute__((constructor)) static void t_peer_load(void) {
    const char *pre = getenv("FORKLU_PEER_PRELOAD"), *lib = getenv("FORKLU_PEER_LIB");
    if (pre && *pre && !dlopen(pre, RTLD_NOW | RTLD_GLOBAL)) { fprintf(stderr, "peer preload: %s\n", dlerror()); exit(2); }
    void *h = lib ? dlopen(lib, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (!h) { fprintf(stderr, "peer: %s\n", lib ? dlerror() : "FORKLU_PEER_LIB unset"); exit(2); }
    t_peer_getrf = dlsym(h, getenv("FORKLU_PEER_GETRF") ? getenv("FORKLU_PEER_GETRF") : "dgetrf_");
    const char *setter = getenv("FORKLU_PEER_SETTER");
    if (setter && *setter) *(void **)&t_peer_setter = dlsym(h, setter);
    if (getenv("FORKLU_PEER_BITS")) t_peer_bits = atoi(getenv("FORKLU_PEER_BITS"));
    if (!t_peer_getrf) { fprintf(stderr, "peer: no dgetrf symbol\n"); exit(2); }
}

void t_peer_set_num_threads(int n) { t_peer_threads = n; if (t_peer_setter) t_peer_setter(n); }
int t_peer_get_num_threads(void) { return t_peer_threads; }

void t_peer_dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info) {
    if (t_peer_bits == 64) {
        int64_t m64 = *m, n64 = *n, lda64 = *lda, info64 = 0, k = *m < *n ? *m : *n;
        int64_t *p64 = malloc(sizeof(int64_t) * (size_t)(k > 0 ? k : 1));
        ((void (*)(const int64_t *, const int64_t *, double *, const int64_t *, int64_t *, int64_t *))t_peer_getrf)(&m64, &n64, a, &lda64, p64, &info64);
        for (int64_t i = 0; i < k; i++) ipiv[i] = (int)p64[i];
        *info = (int)info64;
        free(p64);
    } else {
        ((void (*)(const int *, const int *, double *, const int *, int *, int *))t_peer_getrf)(m, n, a, lda, ipiv, info);
    }
}
#endif

static volatile int t_status;

#define t_error(...) t_printf(__FILE__, __LINE__, __VA_ARGS__)

static void t_printf(const char *file, int line, const char *fmt, ...) {
    char buf[512];
    int n = snprintf(buf, sizeof buf, "[pid %d] %s:%d: ", (int)getpid(), file, line);
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1) n = (int)sizeof buf - 1;
    if (write(2, buf, (size_t)n) < 0) {}
    t_status = 1;
}

/* Threads for this run: argv[1], default 4. */
static int t_threads(int argc, char **argv) {
    int t = argc > 1 ? atoi(argv[1]) : 4;
    forklu_set_num_threads(t);
    if (forklu_get_num_threads() != t) t_error("set %d threads, got %d\n", t, forklu_get_num_threads());
    return t;
}

/* Deterministic values in [-1, 1); padding rows (m..lda) hold a NaN pattern. */
static double *t_random(int m, int n, int lda, uint64_t seed) {
    double *a = malloc(sizeof(double) * (size_t)lda * (size_t)(n > 0 ? n : 1));
    uint64_t s = seed * 0x9E3779B97F4A7C15ull ^ 0xD1B54A32D192ED03ull;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < lda; i++) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            a[i + (size_t)j * lda] = i < m ? (double)(s >> 11) / 9007199254740992.0 * 2.0 - 1.0 : nan("7");
        }
    return a;
}

static double *t_copy(const double *a, size_t len) {
    double *b = malloc(sizeof(double) * (len ? len : 1));
    memcpy(b, a, sizeof(double) * len);
    return b;
}

/* ||P A - L U||_1 / (||A||_1 max(m,n) eps) from the original and the factored matrix. */
static double t_residual(const double *a0, const double *lu, int m, int n, int lda, const int *ipiv) {
    int k = m < n ? m : n;
    double *pa = malloc(sizeof(double) * (size_t)m * (size_t)(n ? n : 1));
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) pa[i + (size_t)j * m] = a0[i + (size_t)j * lda];
    for (int i = 0; i < k; i++) {
        int r = ipiv[i] - 1;
        for (int j = 0; j < n; j++) {
            double t = pa[i + (size_t)j * m];
            pa[i + (size_t)j * m] = pa[r + (size_t)j * m];
            pa[r + (size_t)j * m] = t;
        }
    }
    double worst = 0, anorm = 0;
    for (int j = 0; j < n; j++) {
        double col = 0, acol = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            int top = i < j ? i : j;
            if (top > k - 1) top = k - 1;
            for (int p = 0; p <= top; p++) {
                double l = p == i ? 1.0 : lu[i + (size_t)p * lda];
                s += l * lu[p + (size_t)j * lda];
            }
            col += fabs(pa[i + (size_t)j * m] - s);
            acol += fabs(a0[i + (size_t)j * lda]);
        }
        if (col > worst) worst = col;
        if (acol > anorm) anorm = acol;
    }
    free(pa);
    return anorm == 0 ? worst : worst / (anorm * (m > n ? m : n) * DBL_EPSILON);
}

/* ||P A v - L U v||_inf / (||A||_inf ||v||_inf max(m,n) eps) for a fixed v: an O(mn)
 * check of the factors, for sizes where t_residual's O(mnk) would dominate the run. */
static double t_residual_probe(const double *a0, const double *lu, int m, int n, int lda, const int *ipiv) {
    int k = m < n ? m : n;
    double *v = malloc(sizeof(double) * (size_t)n), *uv = calloc((size_t)k + 1, sizeof(double));
    double *luv = calloc((size_t)m + 1, sizeof(double)), *av = calloc((size_t)m + 1, sizeof(double));
    for (int j = 0; j < n; j++) v[j] = 1.0 + (j % 5) * 0.25;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < k && i <= j; i++) uv[i] += lu[i + (size_t)j * lda] * v[j];
    for (int p = 0; p < k; p++) {
        luv[p] += uv[p];
        for (int i = p + 1; i < m; i++) luv[i] += lu[i + (size_t)p * lda] * uv[p];
    }
    double anorm = 0, err = 0;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) av[i] += a0[i + (size_t)j * lda] * v[j];
    for (int i = 0; i < m; i++) {
        double row = 0;
        for (int j = 0; j < n; j++) row += fabs(a0[i + (size_t)j * lda]);
        if (row > anorm) anorm = row;
    }
    for (int i = 0; i < k; i++) {
        double t = av[i];
        av[i] = av[ipiv[i] - 1];
        av[ipiv[i] - 1] = t;
    }
    for (int i = 0; i < m; i++)
        if (!(fabs(av[i] - luv[i]) <= err)) err = fabs(av[i] - luv[i]);
    free(v); free(uv); free(luv); free(av);
    return anorm == 0 ? err : err / (anorm * 2.0 * (m > n ? m : n) * DBL_EPSILON);
}

/* Pivots in range: ipiv[i] in i+1..m. */
static int t_pivots_ok(const int *ipiv, int m, int n) {
    int k = m < n ? m : n;
    for (int i = 0; i < k; i++)
        if (ipiv[i] < i + 1 || ipiv[i] > m) return 0;
    return 1;
}

/* A factorization: matrix, pivots and info. */
typedef struct { double *lu; int *ipiv; int info; int m, n, lda; } t_lu;

/* Factors a copy of a0 with dgetrf_ and checks info == 0, pivots and residual. */
static t_lu t_factor(const char *what, const double *a0, int m, int n, int lda) {
    t_lu f = { t_copy(a0, (size_t)lda * (size_t)n), malloc(sizeof(int) * (size_t)(m < n ? m : n) + 1), -99, m, n, lda };
    dgetrf_(&m, &n, f.lu, &lda, f.ipiv, &f.info);
    if (f.info != 0) t_error("%s: info %d for %dx%d\n", what, f.info, m, n);
    else if (!t_pivots_ok(f.ipiv, m, n)) t_error("%s: pivots out of range for %dx%d\n", what, m, n);
    else {
        /* Past 10^8 multiply-adds (n ~ 670) the full residual costs more than the
         * factorization: the probe checks the factors in O(mn). */
        int k = m < n ? m : n;
        double r = (double)m * n * k / 3 > 1e8 ? t_residual_probe(a0, f.lu, m, n, lda, f.ipiv)
                                                : t_residual(a0, f.lu, m, n, lda, f.ipiv);
        if (!(r < 20)) t_error("%s: residual %g for %dx%d\n", what, r, m, n);
    }
    return f;
}

static int t_same(const t_lu *x, const t_lu *y) {
    int k = x->m < x->n ? x->m : x->n;
    return x->info == y->info && memcmp(x->ipiv, y->ipiv, sizeof(int) * (size_t)k) == 0 &&
           memcmp(x->lu, y->lu, sizeof(double) * (size_t)x->lda * (size_t)x->n) == 0;
}

static void t_free(t_lu *f) {
    free(f->lu);
    free(f->ipiv);
}

/* Waits for a child and checks that it exited 0. */
static void t_reap(pid_t pid, const char *what) {
    int st;
    if (waitpid(pid, &st, 0) != pid) t_error("%s: waitpid failed\n", what);
    else if (!WIFEXITED(st)) t_error("%s: child killed by signal %d\n", what, WTERMSIG(st));
    else if (WEXITSTATUS(st) != 0) t_error("%s: child exited %d\n", what, WEXITSTATUS(st));
}

/* This process's worker threads take part in its parallel calls: the bits cannot show
 * it (they are the same for any thread count), so a silent serial fallback after a fork
 * would pass every comparison. With more than one thread, 300 x 300 factorizations run
 * until forklu_get_worker_tasks() rises (on 2 cores a caller can drain a whole call
 * before a worker wakes, so one call proves nothing); only T_WORKER_SECONDS without a
 * rise fail. With one thread, a call must leave the count alone. A no-op in peer mode,
 * whose libraries have no such counter. */
#define T_WORKER_SECONDS 20
#ifdef T_PEER
static void t_workers(const char *who) { (void)who; }
#else
static double t_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void t_workers(const char *who) {
    int n = 300, info, threads = forklu_get_num_threads(), calls = 0, *ipiv = malloc(sizeof(int) * 300);
    double *a = t_random(n, n, n, 77), *lu = malloc(sizeof(double) * 300 * 300), start = t_now();
    uint64_t before = forklu_get_worker_tasks();
    do {
        memcpy(lu, a, sizeof(double) * 300 * 300);
        dgetrf_(&n, &n, lu, &n, ipiv, &info);
        calls++;
    } while (threads > 1 && forklu_get_worker_tasks() == before && t_now() - start < T_WORKER_SECONDS);
    uint64_t after = forklu_get_worker_tasks();
    if (info != 0) t_error("%s: worker check: info %d\n", who, info);
    if (threads > 1 && after == before)
        t_error("%s: %d threads, worker tasks %llu -> %llu in %d calls: no worker ran a task for %d s\n", who, threads,
                (unsigned long long)before, (unsigned long long)after, calls, T_WORKER_SECONDS);
    if (threads == 1 && after != before)
        t_error("%s: 1 thread, worker tasks %llu -> %llu: a serial call was counted as workers' tasks\n", who,
                (unsigned long long)before, (unsigned long long)after);
    free(a);
    free(lu);
    free(ipiv);
}
#endif

#endif
