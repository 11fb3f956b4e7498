/* The thread count the environment gives (argv[1] is the expected value), and a fork
 * child re-reading a changed FORKLU_NUM_THREADS (argv[2], if given). */
#include "t.h"

int main(int argc, char **argv) {
    int want = argc > 1 ? atoi(argv[1]) : -1;
    if (forklu_get_num_threads() != want) t_error("got %d threads, want %d\n", forklu_get_num_threads(), want);
    if (argc > 2) {
        setenv("FORKLU_NUM_THREADS", argv[2], 1);
        pid_t pid = fork();
        if (pid == 0) {
            if (forklu_get_num_threads() != atoi(argv[2])) t_error("child: got %d, want %s\n", forklu_get_num_threads(), argv[2]);
            _exit(t_status);
        }
        t_reap(pid, "child re-reading the environment");
    }
    return t_status;
}
