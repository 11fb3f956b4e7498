/* A fork while another thread of the parent is inside a large getrf, in every precision
 * (s, d, c, z): the parent's factorization finishes correctly, the child factors n = 300
 * to the same bits as before the fork, and both then show that their workers run tasks
 * in that precision (t_workers). The child also checks that the fork really landed
 * inside the large call.
 * Arguments: threads, then the precisions to run ("sdcz" by default). */
#ifndef T_PREC
#include <pthread.h>
#include <stdatomic.h>
#include "t_prec.h"

static atomic_int started, finished;

#define T_SELF "precision_fork_during_getrf.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    t_select(argc, argv, 2);
    T_RUN_SELECTED();
    return t_status;
}
#else
#include "t_prec.h"

/* Sizes that keep the large call busy for about 100 ms on this project's 2-core
 * machines with the AVX-512 kernel and 2 threads (s runs about twice as many flops per
 * second as d; c and z four times as many flops per element as s and d). */
#if T_PREC == T_S
#define BIG 2500
#elif T_PREC == T_D
#define BIG 2000
#elif T_PREC == T_C
#define BIG 1500
#else
#define BIG 1300
#endif

static T_elem *T_F(big);

static void *T_F(factor_big)(void *arg) {
    (void)arg;
    int n = BIG, info = -99, *ipiv = malloc(sizeof(int) * BIG);
    T_elem *lu = T_F(t_dup)(T_F(big), (size_t)BIG * BIG);
    atomic_store(&started, 1);
    T_L(getrf_)(&n, &n, lu, &n, ipiv, &info);
    atomic_store(&finished, 1);
    double r = T_F(t_probe)(T_F(big), lu, n, n, n, ipiv);
    if (info != 0 || !(r < 20)) t_error(T_NAME "getrf_ n=%d in a parent thread: info %d, residual %g\n", n, info, r);
    free(lu);
    free(ipiv);
    return NULL;
}

static void T_F(run)(void) {
    T_F(big) = T_F(t_rand)(BIG, BIG, BIG, 7);
    T_elem *a = T_F(t_rand)(300, 300, 300, 8);
    T_F(t_lu) ref = T_F(t_factor)(T_NAME " reference", a, 300, 300, 300);
    t_settle_threads();
    atomic_store(&started, 0);
    atomic_store(&finished, 0);
    pthread_t th;
    pthread_create(&th, NULL, T_F(factor_big), NULL);
    /* Fork once the large call runs: with workers, once they have taken its tasks. */
    uint64_t tasks = forklu_get_worker_tasks();
    while (!atomic_load(&started)) usleep(100);
    while (forklu_get_num_threads() > 1 && forklu_get_worker_tasks() == tasks && !atomic_load(&finished)) usleep(100);
    usleep(1000);
    pid_t pid = fork();
    if (pid == 0) {
        if (atomic_load(&finished)) t_error(T_NAME " child: the large getrf had returned before the fork: make it larger\n");
        T_F(t_lu) f = T_F(t_factor)(T_NAME " child during a large getrf", a, 300, 300, 300);
        if (!T_F(t_same)(&ref, &f)) t_error(T_NAME " child: factors differ\n");
        T_F(t_workers)(T_NAME " child");
        _exit(t_status);
    }
    t_reap(pid, T_NAME " child during a large getrf");
    pthread_join(th, NULL);
    T_F(t_workers)(T_NAME " parent");
    T_F(t_free)(&ref);
    free(T_F(big));
    free(a);
}
#undef BIG
#undef T_PREC
#endif
