/* Scenario 12: the program's own pthread_atfork handlers, registered before forklu's
 * (a priority constructor runs before the library's) and after it (in main), all run
 * in POSIX order: prepare in reverse registration order, parent and child in order.
 * forklu registers only a child handler, and the child's pool still works. */
#include <pthread.h>
#include "t.h"

static char trace[64];
static int len;
static void mark(char c) { if (len < 63) trace[len++] = c; }
static void prep_a(void) { mark('a'); }
static void prep_b(void) { mark('b'); }
static void parent_a(void) { mark('A'); }
static void parent_b(void) { mark('B'); }
static void child_a(void) { mark('x'); }
static void child_b(void) { mark('y'); }

__attribute__((constructor(101))) static void before_forklu(void) {
    pthread_atfork(prep_a, parent_a, child_a);
}

int main(int argc, char **argv) {
    t_threads(argc, argv);
    pthread_atfork(prep_b, parent_b, child_b);
    double *a = t_random(300, 300, 300, 12);
    t_lu ref = t_factor("reference", a, 300, 300, 300);
    len = 0;
    pid_t pid = fork();
    if (pid == 0) {
        trace[len] = 0;
        if (strcmp(trace, "baxy") != 0) t_error("child saw handler order \"%s\", want \"baxy\"\n", trace);
        t_lu f = t_factor("child", a, 300, 300, 300);
        if (!t_same(&ref, &f)) t_error("child: factors differ\n");
        t_workers("child");
        _exit(t_status);
    }
    trace[len] = 0;
    if (strcmp(trace, "baAB") != 0) t_error("parent saw handler order \"%s\", want \"baAB\"\n", trace);
    t_reap(pid, "child");
    t_workers("parent");
    return t_status;
}
