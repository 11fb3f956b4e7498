/* Scenario 11: posix_spawn and vfork + exec between calls. */
#include <spawn.h>
#include "t.h"

extern char **environ;

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(300, 300, 300, 11);
    t_lu ref = t_factor("reference", a, 300, 300, 300);
    char *args[] = {"true", NULL};
    for (int r = 0; r < 3; r++) {
        pid_t pid;
        if (posix_spawnp(&pid, "true", NULL, NULL, args, environ) != 0) t_error("posix_spawn failed\n");
        else t_reap(pid, "posix_spawn child");
        t_lu f = t_factor("after posix_spawn", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("after posix_spawn: factors differ\n");
        t_free(&f);
        pid = vfork();
        if (pid == 0) {
            execlp("true", "true", (char *)NULL);
            _exit(127);
        }
        t_reap(pid, "vfork child");
        f = t_factor("after vfork", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("after vfork: factors differ\n");
        t_free(&f);
    }
    t_workers("parent"); /* the children exec at once: no forklu call there */
    return t_status;
}
