/* Scenario 8: four threads each call dgetrf_ 50 times on n = 300 while the main thread
 * forks 20 times; every result (threads, children, parent) is checked. */
#include <pthread.h>
#include "t.h"

static double *a;
static t_lu ref;

static void *caller(void *arg) {
    (void)arg;
    for (int r = 0; r < 50; r++) {
        t_lu f = t_factor("caller thread", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("caller thread round %d: factors differ\n", r);
        t_free(&f);
    }
    return NULL;
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    a = t_random(300, 300, 300, 9);
    ref = t_factor("reference", a, 300, 300, 300);
    pthread_t th[4];
    for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, caller, NULL);
    for (int i = 0; i < 20; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            t_lu f = t_factor("child of busy parent", a, 300, 300, 300);
            if (!t_same(&ref, &f)) t_error("child %d: factors differ\n", i);
            t_workers("child of busy parent");
            _exit(t_status);
        }
        t_reap(pid, "child of busy parent");
        usleep(2000);
    }
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
    t_lu f = t_factor("parent at the end", a, 300, 300, 300);
    if (!t_same(&ref, &f)) t_error("parent: factors differ\n");
    t_workers("parent");
    return t_status;
}
