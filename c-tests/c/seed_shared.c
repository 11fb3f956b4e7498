/* The seed case (OpenBLAS issue 5520) through libforklu.so: factor, fork, child exits,
 * factor again, with 8 threads. */
#include "t.h"

int main(void) {
    forklu_set_num_threads(8);
    double *a = t_random(300, 300, 300, 1);
    t_lu before = t_factor("before fork", a, 300, 300, 300);
    pid_t pid = fork();
    if (pid == 0) exit(0);
    t_reap(pid, "child");
    t_lu after = t_factor("after fork", a, 300, 300, 300);
    if (!t_same(&before, &after)) t_error("factors changed after fork\n");
    if (strcmp(forklu_version(), "0.1.0") != 0) t_error("unexpected version %s\n", forklu_version());
    return t_status;
}
