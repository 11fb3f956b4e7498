/* Many callers while the main thread forks, in every precision (s, d, c, z): four
 * threads factor n = 200 over and over while the main thread forks 10 times; every
 * caller's result, every child's and the parent's at the end equal the reference bits,
 * and each child and the parent show that their workers run tasks in that precision
 * (t_workers).
 * Arguments: threads, then the precisions to run ("sdcz" by default). */
#ifndef T_PREC
#include <pthread.h>
#include <stdatomic.h>
#include "t_prec.h"

#define N 200
#define CALLERS 4
#define FORKS 10

static atomic_int ready, stop;

#define T_SELF "precision_fork_many_callers.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    t_select(argc, argv, 2);
    T_RUN_SELECTED();
    return t_status;
}
#else
#include "t_prec.h"

static T_elem *T_F(a);
static T_F(t_lu) T_F(ref);

/* One caller's buffers, allocated by main: from the first fork to the last the callers
 * only copy, factor and compare, so a fork lands in getrf, never in malloc, free or a
 * thread's start or exit (AddressSanitizer's allocator, unlike glibc's, is not fork-safe:
 * a child could inherit its lock held, and hang in it as soon as it starts a thread). */
typedef struct { T_elem *lu; int *ipiv; int rounds; } T_F(buffers);

static void *T_F(caller)(void *arg) {
    T_F(buffers) *b = arg;
    int n = N, info;
    atomic_fetch_add(&ready, 1);
    while (!atomic_load(&stop) || b->rounds == 0) {
        memcpy(b->lu, T_F(a), sizeof(T_elem) * N * N);
        T_L(getrf_)(&n, &n, b->lu, &n, b->ipiv, &info);
        if (info != T_F(ref).info || memcmp(b->ipiv, T_F(ref).ipiv, sizeof(int) * N) || memcmp(b->lu, T_F(ref).lu, sizeof(T_elem) * N * N))
            t_error(T_NAME " caller thread round %d: factors differ\n", b->rounds);
        b->rounds++;
    }
    return NULL;
}

static void T_F(run)(void) {
    T_F(a) = T_F(t_rand)(N, N, N, 9);
    T_F(ref) = T_F(t_factor)(T_NAME " reference", T_F(a), N, N, N);
    atomic_store(&ready, 0);
    atomic_store(&stop, 0);
    pthread_t th[CALLERS];
    T_F(buffers) b[CALLERS];
    for (int i = 0; i < CALLERS; i++) {
        b[i] = (T_F(buffers)){T_F(t_alloc)(N * N), malloc(sizeof(int) * N), 0};
        pthread_create(&th[i], NULL, T_F(caller), &b[i]);
    }
    while (atomic_load(&ready) < CALLERS) usleep(1000);
    t_settle_threads();
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            T_F(t_lu) f = T_F(t_factor)(T_NAME " child of a busy parent", T_F(a), N, N, N);
            if (!T_F(t_same)(&T_F(ref), &f)) t_error(T_NAME " child %d: factors differ\n", i);
            T_F(t_workers)(T_NAME " child of a busy parent");
            _exit(t_status);
        }
        t_reap(pid, T_NAME " child of a busy parent");
        usleep(2000);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < CALLERS; i++) {
        pthread_join(th[i], NULL);
        free(b[i].lu);
        free(b[i].ipiv);
    }
    T_F(t_lu) f = T_F(t_factor)(T_NAME " parent at the end", T_F(a), N, N, N);
    if (!T_F(t_same)(&T_F(ref), &f)) t_error(T_NAME " parent: factors differ\n");
    T_F(t_workers)(T_NAME " parent");
    T_F(t_free)(&f);
    T_F(t_free)(&T_F(ref));
    free(T_F(a));
}
#undef T_PREC
#endif
