/* Scenario 5: fork inside a forked child; every level factors. */
#include "t.h"

static void level(const double *a, const t_lu *ref, int depth) {
    t_lu f = t_factor("level", a, 300, 300, 300);
    if (!t_same(ref, &f)) t_error("depth %d: factors differ\n", depth);
    t_free(&f);
    char who[32];
    snprintf(who, sizeof who, "depth %d", depth);
    if (depth == 3) {
        t_workers(who);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        level(a, ref, depth + 1);
        _exit(t_status);
    }
    t_reap(pid, "descendant");
    f = t_factor("level after fork", a, 300, 300, 300);
    if (!t_same(ref, &f)) t_error("depth %d after fork: factors differ\n", depth);
    t_free(&f);
    t_workers(who);
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    double *a = t_random(300, 300, 300, 5);
    t_lu ref = t_factor("reference", a, 300, 300, 300);
    level(a, &ref, 0);
    t_free(&ref);
    free(a);
    return t_status;
}
