/* One of LAPACK's four precisions, for C programs written once for all of them. Such a
 * program is in two parts: a common part (its main) and a generic part, which it
 * includes once per precision, so the file reads
 *     #ifndef T_PREC
 *     #include "t_prec.h"
 *     ... common part ...
 *     #define T_SELF "this_program.c"
 *     #include "t_each.h"       (includes this file once per precision, T_S to T_Z)
 *     int main(...) { ... T_RUN_SELECTED(); ... }
 *     #else
 *     #include "t_prec.h"
 *     ... generic part, written with the names below ...
 *     #undef T_PREC
 *     #endif
 * This header names the precision's types and routines and defines its own copy of the
 * helpers here. Every name it defines ends in the precision's letter (T_F(t_rand) is
 * t_rand_z), so the four copies live side by side in one program, each calling the
 * header's prototypes with its own types: a wrong type is a compile error, not a cast.
 *
 * Helpers see an element as T_NR reals (2 for complex: C11 6.2.5p13 lays a complex
 * number out as its real part, then its imaginary part), so most never need complex
 * arithmetic. Included with no include guard on purpose: the part common to all
 * precisions is guarded, the rest is defined again for each T_PREC (and skipped when
 * T_PREC is not defined, so the common part can include the header too). */

#ifndef FORKLU_T_PREC_COMMON
#define FORKLU_T_PREC_COMMON
#include <complex.h>
#include "t.h"

/* The values of T_PREC, in LAPACK's order. */
#define T_S 0
#define T_D 1
#define T_C 2
#define T_Z 3

static const char t_letters[] = "sdcz";

/* Checks made and failed, per precision. */
static long t_checks[4], t_failures[4];

/* One check in the current precision: counted, and reported with file:line when false. */
#define T_CHECK(cond, ...)                  \
    do {                                    \
        t_checks[T_PREC]++;                 \
        if (!(cond)) {                      \
            t_failures[T_PREC]++;           \
            t_error(__VA_ARGS__);           \
        }                                   \
    } while (0)

/* Which precisions this run makes (t_select), all four unless told. */
static int t_wants[4] = {1, 1, 1, 1};

/* Selects the precisions named by argv[i] ("sdcz" when absent, "z" for one). */
static void t_select(int argc, char **argv, int i) {
    const char *sel = argc > i ? argv[i] : "sdcz";
    for (int p = 0; p < 4; p++) t_wants[p] = strchr(sel, t_letters[p]) != NULL;
}

/* Runs the program's run_s() ... run_z() (its generic part, one per precision) for the
 * precisions t_select chose; a macro, since this header comes before the program
 * defines them. */
#define T_RUN_SELECTED()           \
    do {                           \
        if (t_wants[T_S]) run_s(); \
        if (t_wants[T_D]) run_d(); \
        if (t_wants[T_C]) run_c(); \
        if (t_wants[T_Z]) run_z(); \
    } while (0)

/* Prints "<what> <p>: N checks, F failures" on stdout for each precision selected; a
 * selected precision that made no check fails. */
static void t_report(const char *what) {
    for (int p = 0; p < 4; p++) {
        if (!t_wants[p]) continue;
        printf("%s %c: %ld checks, %ld failures\n", what, t_letters[p], t_checks[p], t_failures[p]);
        if (t_checks[p] == 0) t_error("%s %c: no checks made\n", what, t_letters[p]);
    }
    fflush(stdout);
}

/* Before a fork in a program built with AddressSanitizer (T_SANITIZED): gives the worker
 * threads the last parallel call started time to finish starting. GCC 12's ASan
 * allocator takes no lock around fork(), unlike glibc's malloc: a child forked while a
 * new thread's start-up is inside calloc inherits the allocator's lock held, and every
 * worker the child starts then blocks in calloc for good (seen in gdb: the child's
 * workers in __asan::Allocator::Calloc, its caller running every task alone, t_workers
 * failing after 20 s). forklu's own code never allocates, so once its workers run there
 * is nothing to wait for; a plain build forks at once. */
static void t_settle_threads(void) {
#ifdef T_SANITIZED
    usleep(50000);
#endif
}

#define T_CAT_(a, b) a##b
#define T_CAT(a, b) T_CAT_(a, b)
#define T_STR_(x) #x
#define T_STR(x) T_STR_(x)
#endif /* FORKLU_T_PREC_COMMON */

#ifdef T_PREC

#undef T_real
#undef T_elem
#undef T_acc
#undef T_NR
#undef T_EPS
#undef T_LETTER
#if T_PREC == T_S
#define T_real float
#define T_elem float
#define T_NR 1
#define T_EPS FLT_EPSILON
#define T_LETTER s
#elif T_PREC == T_D
#define T_real double
#define T_elem double
#define T_NR 1
#define T_EPS DBL_EPSILON
#define T_LETTER d
#elif T_PREC == T_C
#define T_real float
#define T_elem forklu_complex_float
#define T_NR 2
#define T_EPS FLT_EPSILON
#define T_LETTER c
#elif T_PREC == T_Z
#define T_real double
#define T_elem forklu_complex_double
#define T_NR 2
#define T_EPS DBL_EPSILON
#define T_LETTER z
#else
#error "T_PREC must be T_S, T_D, T_C or T_Z"
#endif
/* Sums in the oracles run in double (complex double for c and z), so they add no
 * rounding of the precision under test. */
#undef T_accabs
#if T_NR == 1
#define T_acc double
#define T_accabs fabs
#else
#define T_acc double _Complex
#define T_accabs cabs
#endif

/* This precision's copy of a helper: T_F(t_rand) is t_rand_z. */
#undef T_F
#define T_F(name) T_CAT(name##_, T_LETTER)
/* The precision's routine: T_L(getrf_) is zgetrf_, T_L(getrf_64_) zgetrf_64_. */
#undef T_L
#define T_L(name) T_CAT(T_LETTER, name)
/* The forklu_-prefixed twin: T_P(getrf_) is forklu_zgetrf_, T_P(getrf) forklu_zgetrf. */
#undef T_P
#define T_P(name) T_CAT(forklu_, T_L(name))
/* The precision's letter as a string, "z". */
#undef T_NAME
#define T_NAME T_STR(T_LETTER)

static T_elem *T_F(t_alloc)(size_t len) { return malloc(sizeof(T_elem) * (len ? len : 1)); }

/* Real part k (0) or imaginary part (1, always 0 for a real precision) of element i. */
static double T_F(t_part)(const T_elem *a, size_t i, int k) {
    return k < T_NR ? (double)((const T_real *)a)[i * T_NR + (size_t)k] : 0.0;
}

static void T_F(t_set)(T_elem *a, size_t i, double re, double im) {
    ((T_real *)a)[i * T_NR] = (T_real)re;
    if (T_NR == 2) ((T_real *)a)[i * T_NR + T_NR - 1] = (T_real)im;
}

/* |a[i]|: the modulus for complex elements. */
static double T_F(t_abs)(const T_elem *a, size_t i) {
    return hypot(T_F(t_part)(a, i, 0), T_F(t_part)(a, i, 1));
}

/* Deterministic reals in [-1, 1) in every part of the m x n matrix (column-major,
 * leading dimension lda); padding rows (m..lda) hold NaN("7") in every part. The same
 * stream as t_random, so the d copy gives t_random's matrices. */
static T_elem *T_F(t_rand)(int m, int n, int lda, uint64_t seed) {
    T_elem *a = T_F(t_alloc)((size_t)lda * (size_t)(n > 0 ? n : 1));
    T_real *r = (T_real *)a;
    uint64_t s = seed * 0x9E3779B97F4A7C15ull ^ 0xD1B54A32D192ED03ull;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < lda; i++)
            for (int k = 0; k < T_NR; k++) {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                r[((size_t)i + (size_t)j * (size_t)lda) * T_NR + (size_t)k] =
                    i < m ? (T_real)((double)(s >> 11) / 9007199254740992.0 * 2.0 - 1.0) : (T_real)nan("7");
            }
    return a;
}

static T_elem *T_F(t_dup)(const T_elem *a, size_t len) {
    T_elem *b = T_F(t_alloc)(len);
    memcpy(b, a, sizeof(T_elem) * len);
    return b;
}

/* max |x - y| / max |y| over the m x n matrices x and y (column-major, leading
 * dimension ld; moduli for complex); infinite when a difference is not a number, so NaN
 * never passes a closeness check. */
static double T_F(t_rel_diff)(const T_elem *x, const T_elem *y, int m, int n, int ld) {
    double d = 0, s = 0;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            size_t at = (size_t)i + (size_t)j * (size_t)ld;
            double e = hypot(T_F(t_part)(x, at, 0) - T_F(t_part)(y, at, 0), T_F(t_part)(x, at, 1) - T_F(t_part)(y, at, 1));
            if (!(e <= d)) d = e == e ? e : INFINITY;
            if (T_F(t_abs)(y, at) > s) s = T_F(t_abs)(y, at);
        }
    return s > 0 ? d / s : d;
}

/* The same bits in the padding rows (m..lda) of the column-major matrices x and y. */
static int T_F(t_padding_same)(const T_elem *x, const T_elem *y, int m, int n, int lda) {
    for (int j = 0; j < n; j++)
        for (int i = m; i < lda; i++) {
            size_t at = (size_t)i + (size_t)j * (size_t)lda;
            if (memcmp(&x[at], &y[at], sizeof(T_elem))) return 0;
        }
    return 1;
}

/* ||P A v - L U v||_inf / (||A||_inf 2 max(m,n) eps) for a fixed real v: an O(mn) check
 * of the factors in this precision's epsilon (t_residual_probe, for any element). */
static double T_F(t_probe)(const T_elem *a0, const T_elem *lu, int m, int n, int lda, const int *ipiv) {
    int k = m < n ? m : n;
    T_acc *uv = calloc((size_t)k + 1, sizeof(T_acc)), *luv = calloc((size_t)m + 1, sizeof(T_acc));
    T_acc *av = calloc((size_t)m + 1, sizeof(T_acc));
    for (int j = 0; j < n; j++) {
        double v = 1.0 + (j % 5) * 0.25;
        for (int i = 0; i < k && i <= j; i++) uv[i] += (T_acc)lu[i + (size_t)j * lda] * v;
        for (int i = 0; i < m; i++) av[i] += (T_acc)a0[i + (size_t)j * lda] * v;
    }
    for (int p = 0; p < k; p++) {
        luv[p] += uv[p];
        for (int i = p + 1; i < m; i++) luv[i] += (T_acc)lu[i + (size_t)p * lda] * uv[p];
    }
    double anorm = 0, err = 0;
    for (int i = 0; i < m; i++) {
        double row = 0;
        for (int j = 0; j < n; j++) row += T_F(t_abs)(a0, i + (size_t)j * lda);
        if (row > anorm) anorm = row;
    }
    for (int i = 0; i < k; i++) {
        T_acc t = av[i];
        av[i] = av[ipiv[i] - 1];
        av[ipiv[i] - 1] = t;
    }
    for (int i = 0; i < m; i++)
        if (!(T_accabs(av[i] - luv[i]) <= err)) err = T_accabs(av[i] - luv[i]);
    free(uv); free(luv); free(av);
    return anorm == 0 ? err : err / (anorm * 2.0 * (m > n ? m : n) * T_EPS);
}

/* A factorization in this precision: matrix, pivots and info. */
typedef struct { T_elem *lu; int *ipiv; int info, m, n, lda; } T_F(t_lu);

/* Factors a copy of a0 with the precision's getrf_ and checks info == 0, the pivots'
 * range and the residual probe. */
static T_F(t_lu) T_F(t_factor)(const char *what, const T_elem *a0, int m, int n, int lda) {
    T_F(t_lu) f = {T_F(t_dup)(a0, (size_t)lda * (size_t)n), malloc(sizeof(int) * (size_t)(m < n ? m : n) + 1), -99, m, n, lda};
    T_L(getrf_)(&m, &n, f.lu, &lda, f.ipiv, &f.info);
    double r;
    if (f.info != 0) t_error("%s: " T_NAME "getrf_ info %d for %dx%d\n", what, f.info, m, n);
    else if (!t_pivots_ok(f.ipiv, m, n)) t_error("%s: " T_NAME "getrf_ pivots out of range for %dx%d\n", what, m, n);
    else if (!((r = T_F(t_probe)(a0, f.lu, m, n, lda, f.ipiv)) < 20))
        t_error("%s: " T_NAME "getrf_ residual %g for %dx%d\n", what, r, m, n);
    return f;
}

/* Same info, pivots and factor bits. */
static int T_F(t_same)(const T_F(t_lu) *x, const T_F(t_lu) *y) {
    int k = x->m < x->n ? x->m : x->n;
    return x->info == y->info && memcmp(x->ipiv, y->ipiv, sizeof(int) * (size_t)k) == 0 &&
           memcmp(x->lu, y->lu, sizeof(T_elem) * (size_t)x->lda * (size_t)x->n) == 0;
}

static void T_F(t_free)(T_F(t_lu) *f) {
    free(f->lu);
    free(f->ipiv);
}

#ifndef T_PEER
/* t_workers (t.h) in this precision: with more than one thread, 300 x 300 factorizations
 * by the precision's getrf_ until forklu_get_worker_tasks() rises, failing only after
 * T_WORKER_SECONDS without a rise; with one thread, a call must leave the count alone. */
static void T_F(t_workers)(const char *who) {
    int n = 300, info = 0, threads = forklu_get_num_threads(), calls = 0, *ipiv = malloc(sizeof(int) * 300);
    T_elem *a = T_F(t_rand)(n, n, n, 77), *lu = T_F(t_alloc)(300 * 300);
    double start = t_now();
    uint64_t before = forklu_get_worker_tasks();
    do {
        memcpy(lu, a, sizeof(T_elem) * 300 * 300);
        T_L(getrf_)(&n, &n, lu, &n, ipiv, &info);
        calls++;
    } while (threads > 1 && forklu_get_worker_tasks() == before && t_now() - start < T_WORKER_SECONDS);
    uint64_t after = forklu_get_worker_tasks();
    if (info != 0) t_error("%s: " T_NAME " worker check: info %d\n", who, info);
    if (threads > 1 && after == before)
        t_error("%s: " T_NAME "getrf_, %d threads, worker tasks %llu -> %llu in %d calls: no worker ran a task for %d s\n",
                who, threads, (unsigned long long)before, (unsigned long long)after, calls, T_WORKER_SECONDS);
    if (threads == 1 && after != before)
        t_error("%s: " T_NAME "getrf_, 1 thread, worker tasks %llu -> %llu: a serial call was counted as workers' tasks\n",
                who, (unsigned long long)before, (unsigned long long)after);
    free(a);
    free(lu);
    free(ipiv);
}
#endif
#endif /* T_PREC */
