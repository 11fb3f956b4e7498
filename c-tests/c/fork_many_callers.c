/* Scenario 8: four threads call dgetrf_ on n = 300 over and over while the main thread
 * forks 20 times; every result (threads, children, parent) is checked. */
#include <pthread.h>
#include <stdatomic.h>
#include "t.h"

static double *a;
static t_lu ref;
static atomic_int ready, stop;

/* One caller's buffers, allocated by main: the callers only copy, factor and compare
 * from the first fork to the last, so a fork lands in dgetrf_, never in malloc, free
 * or a thread's start or exit (AddressSanitizer's allocator, unlike glibc's, is not
 * fork-safe: a child could inherit its lock held, and hang in it as soon as it starts
 * a thread). */
typedef struct { double *lu; int *ipiv; int rounds; } buffers;

static void *caller(void *arg) {
    buffers *b = arg;
    int n = 300, info;
    atomic_fetch_add(&ready, 1);
    while (!atomic_load(&stop) || b->rounds == 0) {
        memcpy(b->lu, a, sizeof(double) * 300 * 300);
        dgetrf_(&n, &n, b->lu, &n, b->ipiv, &info);
        if (info != ref.info || memcmp(b->ipiv, ref.ipiv, sizeof(int) * 300) ||
            memcmp(b->lu, ref.lu, sizeof(double) * 300 * 300))
            t_error("caller thread round %d: factors differ\n", b->rounds);
        b->rounds++;
    }
    return NULL;
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    a = t_random(300, 300, 300, 9);
    ref = t_factor("reference", a, 300, 300, 300);
    pthread_t th[4];
    buffers b[4];
    for (int i = 0; i < 4; i++) {
        b[i] = (buffers){malloc(sizeof(double) * 300 * 300), malloc(sizeof(int) * 300), 0};
        pthread_create(&th[i], NULL, caller, &b[i]);
    }
    while (atomic_load(&ready) < 4) usleep(1000);
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
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        free(b[i].lu);
        free(b[i].ipiv);
    }
    t_lu f = t_factor("parent at the end", a, 300, 300, 300);
    if (!t_same(&ref, &f)) t_error("parent: factors differ\n");
    t_workers("parent");
    return t_status;
}
