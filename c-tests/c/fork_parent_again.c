/* Scenario 2: factor, fork, child exit(0) or _exit(0), factor again in the parent
 * (OpenBLAS 0.3.30 hung here); the parent's factors must be bit-identical. */
#include "t.h"

static void round_trip(const char *what, const double *a, int n, int use_exit) {
    t_lu before = t_factor(what, a, n, n, n);
    pid_t pid = fork();
    if (pid == 0) {
        t_workers("child");
        if (use_exit) exit(t_status);
        _exit(t_status);
    }
    t_reap(pid, what);
    t_lu after = t_factor(what, a, n, n, n);
    if (!t_same(&before, &after)) t_error("%s: parent's factors changed after fork\n", what);
    t_workers("parent after fork");
    t_free(&before);
    t_free(&after);
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *eye = calloc(200 * 200, sizeof(double));
    for (int i = 0; i < 200; i++) eye[i + 200 * i] = 1;
    double *a = t_random(216, 216, 216, 2);
    for (int use_exit = 0; use_exit < 2; use_exit++) {
        round_trip("identity 200", eye, 200, use_exit);
        round_trip("random 216", a, 216, use_exit);
    }
    free(eye);
    free(a);
    return t_status;
}
