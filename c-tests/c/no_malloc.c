/* DESIGN rule 1 from outside: a malloc-family interposer counts allocations. Steady-state
 * dgetrf_/dgesv_ calls (serial and parallel) and the parent's first call after a fork
 * make none; a fork child's first parallel call allocates only inside pthread_create
 * (starting its workers, which it must do). Afterwards the workers of the parent and
 * of the child are seen to run tasks: "no allocation" must not come from a serial
 * fallback. */
#include <dlfcn.h>
#include <pthread.h>
#include "t.h"

static volatile int counting;
static volatile long outside, inside_create, setup, creates;
/* in_create: inside pthread_create; started: the thread runs its own code (main, or a
 * created thread's start routine), so what a new thread's runtime does before that
 * (AddressSanitizer sets each thread up with malloc) counts as creating it. */
static __thread int in_create, started;

static void count(void) {
    if (!counting) return;
    if (in_create) inside_create++;
    else if (!started) setup++;
    else outside++;
}

#ifdef T_SANITIZED
/* Under AddressSanitizer, whose allocator replaces malloc: count through its hooks,
 * which see every malloc-family call and every free of a block. */
int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void *, size_t), void (*)(const volatile void *));
static void on_malloc(const volatile void *p, size_t n) { (void)p; (void)n; count(); }
static void on_free(const volatile void *p) { (void)p; count(); }
__attribute__((constructor)) static void hook(void) {
    if (!__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free)) t_error("no room for the sanitizer's malloc hooks\n");
}
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

void *malloc(size_t n) { count(); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { count(); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { count(); return __libc_realloc(p, n); }
void free(void *p) { if (p) count(); __libc_free(p); }
void *memalign(size_t al, size_t n) { count(); return __libc_memalign(al, n); }
void *aligned_alloc(size_t al, size_t n) { count(); return __libc_memalign(al, n); }
int posix_memalign(void **out, size_t al, size_t n) {
    count();
    *out = __libc_memalign(al, n);
    return *out ? 0 : 12;
}
#endif

typedef int create_t(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
static struct { void *(*fn)(void *); void *arg; } starts[256];
static int nstarts;

static int nstarted;

static void *start(void *slot) {
    started = 1;
    __atomic_fetch_add(&nstarted, 1, __ATOMIC_RELEASE);
    int i = (int)(intptr_t)slot;
    return starts[i].fn(starts[i].arg);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
    static create_t *real;
    if (!real) real = (create_t *)dlsym(RTLD_NEXT, "pthread_create");
    int i = __atomic_fetch_add(&nstarts, 1, __ATOMIC_RELAXED);
    if (i >= 256) { t_error("more than 256 threads\n"); abort(); }
    starts[i].fn = fn;
    starts[i].arg = arg;
    if (counting) creates++;
    in_create = 1;
    int rc = real(t, attr, start, (void *)(intptr_t)i);
    in_create = 0;
    return rc;
}

/* Waits until every thread created so far runs its start routine: a runtime that sets
 * threads up with malloc (AddressSanitizer does) is then done with it. */
static void wait_for_started_threads(const char *what) {
    for (int ms = 0; __atomic_load_n(&nstarted, __ATOMIC_ACQUIRE) < __atomic_load_n(&nstarts, __ATOMIC_RELAXED); ms++) {
        if (ms == 10000) { t_error("%s: a created thread did not start in 10 s\n", what); return; }
        usleep(1000);
    }
}

static double *a, *lu, *b;
static int ipiv[400];

static void calls(int threads) {
    int n = 400, nrhs = 8, info;
    forklu_set_num_threads(threads);
    memcpy(lu, a, sizeof(double) * n * n);
    dgetrf_(&n, &n, lu, &n, ipiv, &info);
    if (info) t_error("dgetrf_ info %d\n", info);
    memcpy(lu, a, sizeof(double) * n * n);
    dgesv_(&n, &nrhs, lu, &n, ipiv, b, &n, &info);
    if (info) t_error("dgesv_ info %d\n", info);
}

static void expect_none(const char *what, int threads) {
    outside = inside_create = setup = creates = 0;
    counting = 1;
    calls(threads);
    counting = 0;
    if (outside || inside_create || setup || creates)
        t_error("%s: %ld allocations (%ld in pthread_create, %ld setting a new thread up), %ld threads created\n", what,
                outside + inside_create + setup, inside_create, setup, creates);
}

int main(void) {
    started = 1;
    /* The interposer must see this program's own allocations, or "none" proves nothing. */
    counting = 1;
    free(malloc(16));
    counting = 0;
    if (outside != 2) t_error("interposer saw %ld of 2 calls\n", outside);
    a = t_random(400, 400, 400, 1);
    lu = malloc(sizeof(double) * 400 * 400);
    b = t_random(400, 8, 400, 2);
    /* Warm-up: a call with N threads may start up to N - 1 workers (how many it uses
     * depends on its task grid), so the steady state is reached per thread count. */
    calls(1);
    calls(4);
    calls(8);
    wait_for_started_threads("warm-up");
    expect_none("steady state, 1 thread", 1);
    expect_none("steady state, 4 threads", 4);
    expect_none("steady state, 8 threads", 8);
    forklu_set_num_threads(4);
    pid_t pid = fork();
    if (pid == 0) {
        outside = inside_create = creates = 0;
        counting = 1;
        calls(4);
        counting = 0;
        if (outside) t_error("child's first parallel call: %ld allocations outside pthread_create\n", outside);
        if (creates == 0) t_error("child's first parallel call started no worker thread\n");
        wait_for_started_threads("child");
        expect_none("child, steady state", 4);
        t_workers("child");
        _exit(t_status);
    }
    expect_none("parent's first call after fork", 4);
    t_reap(pid, "child");
    t_workers("parent");
    return t_status;
}
