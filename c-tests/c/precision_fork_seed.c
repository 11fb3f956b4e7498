/* The seed case in every precision (s, d, c, z): factor, fork, the child factors (the
 * same bits as the parent's factors before the fork) and leaves through exit() or
 * _exit(), and the parent factors again: bit-identical to before the fork. OpenBLAS
 * 0.3.30 hung in the parent here (OpenBLAS issue 5520, fixed by PR 5556); its parallel
 * getrf is shared by all four precisions. After each fork the child and the parent show
 * that their workers run tasks in that precision (t_workers).
 * Arguments: threads, then the precisions to run ("sdcz" by default). */
#ifndef T_PREC
#include "t_prec.h"

#define T_SELF "precision_fork_seed.c"
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
    int n = 216;
    T_elem *a = T_F(t_rand)(n, n, n, 1);
    for (int use_exit = 0; use_exit < 2; use_exit++) {
        T_F(t_lu) before = T_F(t_factor)(T_NAME " before fork", a, n, n, n);
        t_settle_threads();
        pid_t pid = fork();
        if (pid == 0) {
            T_F(t_lu) f = T_F(t_factor)(T_NAME " child", a, n, n, n);
            if (!T_F(t_same)(&before, &f)) t_error(T_NAME " child: factors differ from the parent's before the fork\n");
            T_F(t_workers)(T_NAME " child");
            if (use_exit) exit(t_status);
            _exit(t_status);
        }
        t_reap(pid, T_NAME " child");
        T_F(t_lu) after = T_F(t_factor)(T_NAME " parent after fork", a, n, n, n);
        if (!T_F(t_same)(&before, &after)) t_error(T_NAME " parent: factors changed after the fork\n");
        T_F(t_workers)(T_NAME " parent after fork");
        T_F(t_free)(&before);
        T_F(t_free)(&after);
    }
    free(a);
}
#undef T_PREC
#endif
