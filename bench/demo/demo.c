/* The README's main job, part 1: the OpenBLAS 0.3.30 seed case with forklu.
 * Factor and solve a 1000 x 1000 system with every configured thread, fork, let the
 * child factor and exit, then factor and solve again in the parent (where OpenBLAS
 * 0.3.30 hung), printing residuals and times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "forklu.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Solves A x = b for a fixed random A; returns ||A x - b||_inf / (||A||_inf ||x||_inf n eps). */
static double solve(int n, double *seconds) {
    double *a = malloc(sizeof(double) * n * n), *lu = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n), *x = malloc(sizeof(double) * n);
    int *ipiv = malloc(sizeof(int) * n), one = 1, info;
    unsigned long long s = 42;
    for (int k = 0; k < n * n; k++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        a[k] = (double)(s >> 11) / 9007199254740992.0 - 0.5;
    }
    for (int i = 0; i < n; i++) b[i] = x[i] = 1.0 + i % 3;
    memcpy(lu, a, sizeof(double) * n * n);
    double t0 = now();
    dgesv_(&n, &one, lu, &n, ipiv, x, &n, &info);
    *seconds = now() - t0;
    double r = 0, an = 0, xn = 0;
    for (int i = 0; i < n; i++) {
        double ax = 0, row = 0;
        for (int j = 0; j < n; j++) {
            ax += a[i + (size_t)j * n] * x[j];
            row += fabs(a[i + (size_t)j * n]);
        }
        r = fmax(r, fabs(ax - b[i]));
        an = fmax(an, row);
        xn = fmax(xn, fabs(x[i]));
    }
    free(a); free(lu); free(b); free(x); free(ipiv);
    return info != 0 ? INFINITY : r / (an * xn * n * 2.220446049250313e-16);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    if (argc > 2) forklu_set_num_threads(atoi(argv[2]));
    printf("forklu %s, %d threads, n = %d\n", forklu_version(), forklu_get_num_threads(), n);
    double t, r = solve(n, &t);
    printf("  parent before fork: residual %.3f, dgesv %.1f ms\n", r, t * 1e3);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        double tc, rc = solve(n, &tc);
        printf("  child:              residual %.3f, dgesv %.1f ms\n", rc, tc * 1e3);
        fflush(stdout);
        exit(rc < 10 ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    double t2, r2 = solve(n, &t2);
    printf("  parent after fork:  residual %.3f, dgesv %.1f ms\n", r2, t2 * 1e3);
    int ok = r < 10 && r2 < 10 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    printf("  %s\n", ok ? "parent after fork: OK (OpenBLAS 0.3.30 hangs here)" : "FAILED");
    return ok ? 0 : 1;
}
