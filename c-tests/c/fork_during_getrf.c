/* Scenario 7: fork while another thread of the parent is inside dgetrf_ on n = 2000;
 * both the parent's big factorization and the child's own call finish correctly. */
#include <pthread.h>
#include "t.h"

static double *big;
static t_lu big_lu;
static volatile int started;

static void *factor_big(void *arg) {
    (void)arg;
    started = 1;
    big_lu = t_factor("big in parent thread", big, 2000, 2000, 2000);
    return NULL;
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    big = t_random(2000, 2000, 2000, 7);
    double *a = t_random(300, 300, 300, 8);
    t_lu ref = t_factor("reference", a, 300, 300, 300);
    pthread_t th;
    pthread_create(&th, NULL, factor_big, NULL);
    while (!started) {}
    usleep(50000);
    pid_t pid = fork();
    if (pid == 0) {
        t_lu f = t_factor("child during big getrf", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("child: factors differ\n");
        t_workers("child");
        _exit(t_status);
    }
    t_reap(pid, "child during big getrf");
    pthread_join(th, NULL);
    t_workers("parent");
    t_free(&big_lu);
    t_free(&ref);
    free(big);
    free(a);
    return t_status;
}
