/* libforklu_scipy.so (argv[1]), loaded with dlopen as numpy and scipy would reach it:
 * each of its eight names gives the same bits and info as forklu's own entry point
 * in libforklu.a, on a 300 x 300 system and on a bad argument; then the seed case
 * (factor, fork, child exits, factor again) through the shim at 8 threads. */
#include "t.h"
#include <dlfcn.h>

#define N 300

typedef void getrf32(const int *, const int *, double *, const int *, int *, int *);
typedef void getrs32(const char *, const int *, const int *, const double *, const int *,
                     const int *, double *, const int *, int *);
typedef void gesv32(const int *, const int *, double *, const int *, int *, double *,
                    const int *, int *);
typedef void getri32(const int *, double *, const int *, const int *, double *, const int *, int *);
typedef void getrf64(const int64_t *, const int64_t *, double *, const int64_t *, int64_t *, int64_t *);
typedef void getrs64(const char *, const int64_t *, const int64_t *, const double *,
                     const int64_t *, const int64_t *, double *, const int64_t *, int64_t *);
typedef void gesv64(const int64_t *, const int64_t *, double *, const int64_t *, int64_t *,
                    double *, const int64_t *, int64_t *);
typedef void getri64(const int64_t *, double *, const int64_t *, const int64_t *, double *,
                     const int64_t *, int64_t *);

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

static void lp64(const double *a0) {
    getrf32 *getrf = (getrf32 *)sym("scipy_dgetrf_");
    getrs32 *getrs = (getrs32 *)sym("scipy_dgetrs_");
    gesv32 *gesv = (gesv32 *)sym("scipy_dgesv_");
    getri32 *getri = (getri32 *)sym("scipy_dgetri_");
    int n = N, nrhs = 3, lw = 64 * N, bad = -1, ix, iy;
    double *ax = t_copy(a0, N * N), *ay = t_copy(a0, N * N);
    double *bx = t_copy(a0, N * 3), *by = t_copy(a0, N * 3);
    double *wx = t_copy(a0, 64 * N), *wy = t_copy(a0, 64 * N);
    int px[N], py[N];
    getrf(&n, &n, ax, &n, px, &ix);
    forklu_dgetrf_(&n, &n, ay, &n, py, &iy);
    same("scipy_dgetrf_", ax, ay, sizeof(double) * N * N, ix, iy);
    same("scipy_dgetrf_ ipiv", px, py, sizeof px, ix, iy);
    getrs("T", &n, &nrhs, ax, &n, px, bx, &n, &ix);
    forklu_dgetrs_("T", &n, &nrhs, ay, &n, py, by, &n, &iy);
    same("scipy_dgetrs_", bx, by, sizeof(double) * N * 3, ix, iy);
    getri(&n, ax, &n, px, wx, &lw, &ix);
    forklu_dgetri_(&n, ay, &n, py, wy, &lw, &iy);
    same("scipy_dgetri_", ax, ay, sizeof(double) * N * N, ix, iy);
    memcpy(ax, a0, sizeof(double) * N * N); memcpy(ay, a0, sizeof(double) * N * N);
    gesv(&n, &nrhs, ax, &n, px, bx, &n, &ix);
    forklu_dgesv_(&n, &nrhs, ay, &n, py, by, &n, &iy);
    same("scipy_dgesv_", bx, by, sizeof(double) * N * 3, ix, iy);
    gesv(&n, &bad, ax, &n, px, bx, &n, &ix);
    if (ix != -2) t_error("scipy_dgesv_ nrhs = -1: info %d, want -2\n", ix);
    free(ax); free(ay); free(bx); free(by); free(wx); free(wy);
}

static void ilp64(const double *a0) {
    getrf64 *getrf = (getrf64 *)sym("scipy_dgetrf_64_");
    getrs64 *getrs = (getrs64 *)sym("scipy_dgetrs_64_");
    gesv64 *gesv = (gesv64 *)sym("scipy_dgesv_64_");
    getri64 *getri = (getri64 *)sym("scipy_dgetri_64_");
    int64_t n = N, nrhs = 3, lw = 64 * N, small = N - 1, ix, iy;
    double *ax = t_copy(a0, N * N), *ay = t_copy(a0, N * N);
    double *bx = t_copy(a0, N * 3), *by = t_copy(a0, N * 3);
    double *wx = t_copy(a0, 64 * N), *wy = t_copy(a0, 64 * N);
    int64_t px[N], py[N];
    getrf(&n, &n, ax, &n, px, &ix);
    forklu_dgetrf_64_(&n, &n, ay, &n, py, &iy);
    same("scipy_dgetrf_64_", ax, ay, sizeof(double) * N * N, (long)ix, (long)iy);
    same("scipy_dgetrf_64_ ipiv", px, py, sizeof px, (long)ix, (long)iy);
    getrs("N", &n, &nrhs, ax, &n, px, bx, &n, &ix);
    forklu_dgetrs_64_("N", &n, &nrhs, ay, &n, py, by, &n, &iy);
    same("scipy_dgetrs_64_", bx, by, sizeof(double) * N * 3, (long)ix, (long)iy);
    getri(&n, ax, &n, px, wx, &lw, &ix);
    forklu_dgetri_64_(&n, ay, &n, py, wy, &lw, &iy);
    same("scipy_dgetri_64_", ax, ay, sizeof(double) * N * N, (long)ix, (long)iy);
    memcpy(ax, a0, sizeof(double) * N * N); memcpy(ay, a0, sizeof(double) * N * N);
    gesv(&n, &nrhs, ax, &n, px, bx, &n, &ix);
    forklu_dgesv_64_(&n, &nrhs, ay, &n, py, by, &n, &iy);
    same("scipy_dgesv_64_", bx, by, sizeof(double) * N * 3, (long)ix, (long)iy);
    gesv(&n, &nrhs, ax, &small, px, bx, &n, &ix);
    if (ix != -4) t_error("scipy_dgesv_64_ lda < n: info %ld, want -4\n", (long)ix);
    free(ax); free(ay); free(bx); free(by); free(wx); free(wy);
}

/* The seed case through the shim's own pool (its threads come from OMP_NUM_THREADS). */
static void seed(const double *a0) {
    getrf64 *getrf = (getrf64 *)sym("scipy_dgetrf_64_");
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
    double *a0 = t_random(N, 64, N, 7); /* 64 N doubles: matrix, rhs, work */
    lp64(a0);
    ilp64(a0);
    seed(a0);
    free(a0);
    return t_status;
}
