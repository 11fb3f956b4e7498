/* Scenario 10: tiny, rectangular and padded (lda > m) shapes in the child; padding
 * rows must come back untouched. */
#include "t.h"

static const int shapes[][3] = {{1, 1, 1}, {2, 1, 3}, {1, 5, 1}, {3, 3, 7}, {700, 90, 701},
                                {90, 700, 95}, {333, 334, 340}, {500, 500, 512}};

int main(int argc, char **argv) {
    t_threads(argc, argv);
    pid_t pid = fork();
    if (pid == 0) {
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            int m = shapes[s][0], n = shapes[s][1], lda = shapes[s][2];
            double *a = t_random(m, n, lda, 20 + s);
            t_lu f = t_factor("child shape", a, m, n, lda);
            for (int j = 0; j < n; j++)
                for (int i = m; i < lda; i++)
                    if (memcmp(&a[i + (size_t)j * lda], &f.lu[i + (size_t)j * lda], sizeof(double)))
                        t_error("%dx%d lda %d: padding (%d,%d) written\n", m, n, lda, i, j);
            t_free(&f);
            free(a);
        }
        t_workers("shapes child");
        _exit(t_status);
    }
    t_reap(pid, "shapes child");
    t_workers("parent");
    return t_status;
}
