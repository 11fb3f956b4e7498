/* libforklu_scipy.so (argv[1]), loaded with dlopen as numpy and scipy would reach it:
 * each of its eight names gives the same bits and info as forklu's own entry point
 * in libforklu.a, on a 300 x 300 system and on a bad argument; then the seed case
 * (factor, fork, child exits, factor again) through the shim at 8 threads. */
#include "t.h"
#include <dlfcn.h>

#define N 300

static void *shim;

static void *sym(const char *name) {
    void *f = dlsym(shim, name);
    if (!f) { t_error("libforklu_scipy.so does not export %s\n", name); exit(1); }
    return f;
}

static void same(const char *what, const void *x, const void *y, size_t bytes, long ix, long iy) {
    if (ix != iy) t_error("%s: info %ld through the shim, %ld from libforklu\n", what, ix, iy);
    if (memcmp(x, y, bytes) != 0) t_error("%s: results differ from libforklu's\n", what);
}

/* One width: each scipy_ name against forklu's own entry point with the same suffix
 * (its type is the function pointer type), on the same inputs; then two bad arguments. */
#define ROUND(NAME, INT, SUF, TRANS)                                                     \
    static void NAME(const double *a0) {                                                 \
        __typeof__(&forklu_dgetrf##SUF) getrf = (__typeof__(getrf))sym("scipy_dgetrf" #SUF); \
        __typeof__(&forklu_dgetrs##SUF) getrs = (__typeof__(getrs))sym("scipy_dgetrs" #SUF); \
        __typeof__(&forklu_dgesv##SUF) gesv = (__typeof__(gesv))sym("scipy_dgesv" #SUF);     \
        __typeof__(&forklu_dgetri##SUF) getri = (__typeof__(getri))sym("scipy_dgetri" #SUF); \
        INT n = N, nrhs = 3, lw = 64 * N, bad = -1, small = N - 1, ix, iy, px[N], py[N];   \
        double *ax = t_copy(a0, N * N), *ay = t_copy(a0, N * N);                            \
        double *bx = t_copy(a0, N * 3), *by = t_copy(a0, N * 3);                            \
        double *wx = t_copy(a0, 64 * N), *wy = t_copy(a0, 64 * N);                          \
        getrf(&n, &n, ax, &n, px, &ix);                                                     \
        forklu_dgetrf##SUF(&n, &n, ay, &n, py, &iy);                                        \
        same("scipy_dgetrf" #SUF, ax, ay, sizeof(double) * N * N, (long)ix, (long)iy);      \
        same("scipy_dgetrf" #SUF " ipiv", px, py, sizeof px, (long)ix, (long)iy);           \
        getrs(TRANS, &n, &nrhs, ax, &n, px, bx, &n, &ix);                                   \
        forklu_dgetrs##SUF(TRANS, &n, &nrhs, ay, &n, py, by, &n, &iy);                      \
        same("scipy_dgetrs" #SUF, bx, by, sizeof(double) * N * 3, (long)ix, (long)iy);      \
        getri(&n, ax, &n, px, wx, &lw, &ix);                                                \
        forklu_dgetri##SUF(&n, ay, &n, py, wy, &lw, &iy);                                   \
        same("scipy_dgetri" #SUF, ax, ay, sizeof(double) * N * N, (long)ix, (long)iy);      \
        memcpy(ax, a0, sizeof(double) * N * N);                                             \
        memcpy(ay, a0, sizeof(double) * N * N);                                             \
        gesv(&n, &nrhs, ax, &n, px, bx, &n, &ix);                                           \
        forklu_dgesv##SUF(&n, &nrhs, ay, &n, py, by, &n, &iy);                              \
        same("scipy_dgesv" #SUF, bx, by, sizeof(double) * N * 3, (long)ix, (long)iy);       \
        gesv(&n, &bad, ax, &n, px, bx, &n, &ix);                                            \
        if (ix != -2) t_error("scipy_dgesv" #SUF " nrhs = -1: info %ld, want -2\n", (long)ix); \
        gesv(&n, &nrhs, ax, &small, px, bx, &n, &ix);                                       \
        if (ix != -4) t_error("scipy_dgesv" #SUF " lda < n: info %ld, want -4\n", (long)ix); \
        free(ax); free(ay); free(bx); free(by); free(wx); free(wy);                         \
    }

ROUND(lp64, int, _, "T")
ROUND(ilp64, int64_t, _64_, "N")

/* The seed case through the shim's own pool (its threads come from OMP_NUM_THREADS). */
static void seed(const double *a0) {
    __typeof__(&forklu_dgetrf_64_) getrf = (__typeof__(getrf))sym("scipy_dgetrf_64_");
    int64_t n = N, info0, info1, p0[N], p1[N];
    double *a = t_copy(a0, N * N), *b = t_copy(a0, N * N);
    getrf(&n, &n, a, &n, p0, &info0);
    pid_t pid = fork();
    if (pid == 0) exit(0);
    t_reap(pid, "child");
    getrf(&n, &n, b, &n, p1, &info1);
    same("seed through the shim", a, b, sizeof(double) * N * N, (long)info0, (long)info1);
    free(a); free(b);
}

int main(int argc, char **argv) {
    if (argc < 2) { t_error("usage: scipy_shim path/to/libforklu_scipy.so\n"); return 1; }
    setenv("OMP_NUM_THREADS", "8", 1);
    forklu_set_num_threads(8);
    shim = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!shim) { t_error("dlopen: %s\n", dlerror()); return 1; }
    /* N x N doubles: the matrix, and the first 3 N and 64 N of them the right-hand
     * sides and the workspace start from (every copy stays inside it). */
    double *a0 = t_random(N, N, N, 7);
    lp64(a0);
    ilp64(a0);
    seed(a0);
    free(a0);
    return t_status;
}
