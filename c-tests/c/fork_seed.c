/* Scenario 1, the seed case. Regression for numpy's report against OpenBLAS 0.3.30
 * (OpenBLAS issue 5520, fixed by PR 5556): fork, the child exits, and the parent's
 * dgetrf_ on a 200x200 matrix must not hang. No forklu call before the fork. After it,
 * the child and the parent each show that their workers run tasks (t_workers). */
#include "t.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    pid_t pid = fork();
    if (pid == 0) {
        t_workers("seed child");
        exit(t_status);
    }
    t_reap(pid, "seed child");
    double *a = t_random(200, 200, 200, 1);
    t_lu f = t_factor("parent after fork", a, 200, 200, 200);
    t_workers("parent after fork");
    t_free(&f);
    free(a);
    return t_status;
}
