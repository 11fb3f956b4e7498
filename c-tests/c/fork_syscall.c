/* Scenario 9: fork through syscall(SYS_fork), so no atfork handler runs; the child
 * must still get a working pool (pid check), and the parent keeps working. */
#include <sys/syscall.h>
#include "t.h"

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(300, 300, 300, 10);
    t_lu ref = t_factor("reference", a, 300, 300, 300);
    for (int round = 0; round < 3; round++) {
        pid_t pid = (pid_t)syscall(SYS_fork);
        if (pid == 0) {
            t_lu f = t_factor("raw-fork child", a, 300, 300, 300);
            if (!t_same(&ref, &f)) t_error("raw-fork child: factors differ\n");
            t_workers("raw-fork child");
            _exit(t_status);
        }
        t_reap(pid, "raw-fork child");
        t_lu f = t_factor("parent after raw fork", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("parent: factors differ\n");
        t_free(&f);
    }
    t_workers("parent");
    return t_status;
}
