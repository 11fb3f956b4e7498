/* Not a test of forklu: a target for the runner's own test, which must see each
 * way a program can end. argv[1]: "hang" (a child and the parent sleep forever),
 * "crash" (SIGSEGV), "fail" (exit 3), "pass". */
#include <signal.h>
#include "t.h"

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "pass";
    if (!strcmp(mode, "hang")) {
        if (fork() == 0) for (;;) pause();
        for (;;) pause();
    }
    if (!strcmp(mode, "crash")) raise(SIGSEGV);
    if (!strcmp(mode, "fail")) {
        t_error("failing on purpose\n");
        return 3;
    }
    return 0;
}
