/* Scenario 4: parent and child factor at the same time. */
#include "t.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(400, 400, 400, 4);
    t_lu ref = t_factor("reference", a, 400, 400, 400);
    pid_t pid = fork();
    for (int r = 0; r < 3; r++) {
        t_lu f = t_factor(pid == 0 ? "child" : "parent", a, 400, 400, 400);
        if (!t_same(&ref, &f)) t_error("%s: factors differ\n", pid == 0 ? "child" : "parent");
        t_free(&f);
    }
    t_workers(pid == 0 ? "child" : "parent");
    if (pid == 0) _exit(t_status);
    t_reap(pid, "concurrent child");
    t_free(&ref);
    free(a);
    return t_status;
}
