/* Scenario 3: the child factors n = 512 with threads and checks its residual. */
#include "t.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(512, 512, 512, 3);
    t_lu warm = t_factor("parent warm-up", a, 512, 512, 512);
    pid_t pid = fork();
    if (pid == 0) {
        t_lu f = t_factor("child", a, 512, 512, 512);
        if (!t_same(&warm, &f)) t_error("child's factors differ from the parent's\n");
        t_workers("child");
        _exit(t_status);
    }
    t_reap(pid, "child factors");
    t_workers("parent");
    t_free(&warm);
    free(a);
    return t_status;
}
