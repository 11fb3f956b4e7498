/* Scenario 6: 200 forks; each child factors n = 256, the parent factors in between. */
#include "t.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(256, 256, 256, 6);
    t_lu ref = t_factor("reference", a, 256, 256, 256);
    for (int i = 0; i < 200 && !t_status; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            t_lu f = t_factor("storm child", a, 256, 256, 256);
            if (!t_same(&ref, &f)) t_error("child %d: factors differ\n", i);
            t_workers("storm child");
            _exit(t_status);
        }
        t_lu f = t_factor("storm parent", a, 256, 256, 256);
        if (!t_same(&ref, &f)) t_error("parent round %d: factors differ\n", i);
        t_free(&f);
        t_reap(pid, "storm child");
    }
    t_workers("parent");
    t_free(&ref);
    free(a);
    return t_status;
}
