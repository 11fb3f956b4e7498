/* A fork through syscall(SYS_fork), in every precision (s, d, c, z): no atfork handler
 * runs, so only forklu's pid check on every parallel call gives the child a working
 * pool. Three rounds: the child factors to the parent's bits and shows that its workers
 * run tasks in that precision (t_workers); the parent factors to the same bits after
 * each, and shows its workers at the end.
 * Arguments: threads, then the precisions to run ("sdcz" by default). */
#ifndef T_PREC
#include <sys/syscall.h>
#include "t_prec.h"

#define T_SELF "precision_fork_syscall.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    t_select(argc, argv, 2);
    T_RUN_SELECTED();
    return t_status;
}
#else
#include "t_prec.h"

static void T_F(run)(void) {
    int n = 300;
    T_elem *a = T_F(t_rand)(n, n, n, 10);
    T_F(t_lu) ref = T_F(t_factor)(T_NAME " reference", a, n, n, n);
    t_settle_threads();
    for (int round = 0; round < 3; round++) {
        pid_t pid = (pid_t)syscall(SYS_fork);
        if (pid == 0) {
            T_F(t_lu) f = T_F(t_factor)(T_NAME " raw-fork child", a, n, n, n);
            if (!T_F(t_same)(&ref, &f)) t_error(T_NAME " raw-fork child: factors differ\n");
            T_F(t_workers)(T_NAME " raw-fork child");
            _exit(t_status);
        }
        t_reap(pid, T_NAME " raw-fork child");
        T_F(t_lu) f = T_F(t_factor)(T_NAME " parent after a raw fork", a, n, n, n);
        if (!T_F(t_same)(&ref, &f)) t_error(T_NAME " parent: factors differ\n");
        T_F(t_free)(&f);
    }
    T_F(t_workers)(T_NAME " parent");
    T_F(t_free)(&ref);
    free(a);
}
#undef T_PREC
#endif
