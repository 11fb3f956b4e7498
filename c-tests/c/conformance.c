/* forklu against Debian's reference LAPACK 3.11 (liblapack3 + libblas3, loaded by full
 * path since installing OpenBLAS switches the liblapack.so.3 alternative): same info
 * on every input including bad arguments, same pivots on random matrices, factors,
 * solutions and inverses equal to rounding. Reference xerbla_ prints and stops the
 * program, so this program exports its own (see xerbla.list). */
#include <dlfcn.h>
#include "t.h"

typedef void getrf_t(const int *, const int *, double *, const int *, int *, int *);
typedef void getrs_t(const char *, const int *, const int *, const double *, const int *, const int *, double *,
                     const int *, int *, size_t);
typedef void gesv_t(const int *, const int *, double *, const int *, int *, double *, const int *, int *);
typedef void getri_t(const int *, double *, const int *, const int *, double *, const int *, int *);

static getrf_t *ref_getrf;
static getrs_t *ref_getrs;
static gesv_t *ref_gesv;
static getri_t *ref_getri;
static int xerbla_calls;

void xerbla_(const char *name, const int *info, size_t len) {
    (void)name; (void)info; (void)len;
    xerbla_calls++;
}

static void *need(void *lib, const char *sym) {
    void *p = dlsym(lib, sym);
    if (!p) { t_error("reference LAPACK lacks %s\n", sym); exit(1); }
    return p;
}

static double max_rel_diff(const double *x, const double *y, size_t len) {
    double d = 0, s = 0;
    for (size_t i = 0; i < len; i++) {
        if (fabs(x[i] - y[i]) > d) d = fabs(x[i] - y[i]);
        if (fabs(y[i]) > s) s = fabs(y[i]);
    }
    return s > 0 ? d / s : d;
}

/* dgetrf_ on a copy of a, by both libraries: same info, same pivots (when asked), close factors. */
static void compare_getrf(const char *what, const double *a, int m, int n, int lda, int same_pivots) {
    size_t len = (size_t)lda * (size_t)(n > 0 ? n : 1);
    int k = m < n ? m : n;
    double *x = t_copy(a, len), *y = t_copy(a, len);
    int *px = calloc((size_t)k + 1, sizeof(int)), *py = calloc((size_t)k + 1, sizeof(int));
    int ix = 7, iy = 7;
    dgetrf_(&m, &n, x, &lda, px, &ix);
    ref_getrf(&m, &n, y, &lda, py, &iy);
    if (ix != iy) t_error("%s %dx%d: info %d, reference %d\n", what, m, n, ix, iy);
    if (same_pivots && memcmp(px, py, sizeof(int) * (size_t)k)) t_error("%s %dx%d: pivots differ\n", what, m, n);
    if (same_pivots && max_rel_diff(x, y, len) > 1e-11) t_error("%s %dx%d: factors differ by %g\n", what, m, n, max_rel_diff(x, y, len));
    for (size_t i = 0; i < len; i++)
        if ((int)(i % (size_t)lda) >= m && memcmp(&x[i], &a[i], sizeof(double))) { t_error("%s: padding written\n", what); break; }
    free(x); free(y); free(px); free(py);
}

static void bad_args(void) {
    double a[16] = {0}, b[16] = {0}, w[16] = {0};
    int ip[4] = {1, 2, 3, 4};
    struct { int m, n, lda; } rf[] = {{-1, 2, 2}, {2, -1, 2}, {3, 2, 2}, {0, 0, 0}, {2, 0, 1}};
    for (size_t c = 0; c < sizeof rf / sizeof rf[0]; c++) {
        int ix = 7, iy = 7;
        dgetrf_(&rf[c].m, &rf[c].n, a, &rf[c].lda, ip, &ix);
        ref_getrf(&rf[c].m, &rf[c].n, a, &rf[c].lda, ip, &iy);
        if (ix != iy) t_error("dgetrf_ bad case %zu: info %d, reference %d\n", c, ix, iy);
    }
    struct { char t; int n, nrhs, lda, ldb; } rs[] = {{'X', 2, 1, 2, 2}, {'N', -1, 1, 2, 2}, {'T', 2, -1, 2, 2},
                                                     {'C', 2, 1, 1, 2}, {'N', 2, 1, 2, 1}, {'n', 0, 1, 1, 1}};
    for (size_t c = 0; c < sizeof rs / sizeof rs[0]; c++) {
        int ix = 7, iy = 7;
        dgetrs_(&rs[c].t, &rs[c].n, &rs[c].nrhs, a, &rs[c].lda, ip, b, &rs[c].ldb, &ix);
        ref_getrs(&rs[c].t, &rs[c].n, &rs[c].nrhs, a, &rs[c].lda, ip, b, &rs[c].ldb, &iy, 1);
        if (ix != iy) t_error("dgetrs_ bad case %zu: info %d, reference %d\n", c, ix, iy);
    }
    struct { int n, nrhs, lda, ldb; } sv[] = {{-1, 1, 1, 1}, {2, -1, 2, 2}, {2, 1, 1, 2}, {2, 1, 2, 1}, {0, 3, 1, 1}};
    for (size_t c = 0; c < sizeof sv / sizeof sv[0]; c++) {
        int ix = 7, iy = 7;
        dgesv_(&sv[c].n, &sv[c].nrhs, a, &sv[c].lda, ip, b, &sv[c].ldb, &ix);
        ref_gesv(&sv[c].n, &sv[c].nrhs, a, &sv[c].lda, ip, b, &sv[c].ldb, &iy);
        if (ix != iy) t_error("dgesv_ bad case %zu: info %d, reference %d\n", c, ix, iy);
    }
    struct { int n, lda, lwork; } ri[] = {{-1, 1, 1}, {3, 2, 3}, {3, 3, 2}, {0, 1, 1}, {3, 3, -1}};
    for (size_t c = 0; c < sizeof ri / sizeof ri[0]; c++) {
        int ix = 7, iy = 7;
        double wx[16] = {0}, wy[16] = {0};
        double ax[16] = {4, 1, 2, 1, 5, 3, 2, 1, 6}, ay[16] = {4, 1, 2, 1, 5, 3, 2, 1, 6};
        dgetri_(&ri[c].n, ax, &ri[c].lda, ip, wx, &ri[c].lwork, &ix);
        ref_getri(&ri[c].n, ay, &ri[c].lda, ip, wy, &ri[c].lwork, &iy);
        if (ix != iy) t_error("dgetri_ bad case %zu: info %d, reference %d\n", c, ix, iy);
        if (ri[c].lwork == -1 && ix == 0 && wx[0] != wy[0]) t_error("dgetri_ lwork query: %g, reference %g\n", wx[0], wy[0]);
    }
    (void)w;
}

static void solves(int n, int nrhs, uint64_t seed) {
    double *a = t_random(n, n, n, seed), *b = t_random(n, nrhs, n, seed + 1);
    t_lu f = t_factor("solve factors", a, n, n, n);
    const char *trans[] = {"N", "T", "C"};
    for (int t = 0; t < 3; t++) {
        double *x = t_copy(b, (size_t)n * nrhs), *y = t_copy(b, (size_t)n * nrhs);
        int ix = 7, iy = 7;
        dgetrs_(trans[t], &n, &nrhs, f.lu, &n, f.ipiv, x, &n, &ix);
        ref_getrs(trans[t], &n, &nrhs, f.lu, &n, f.ipiv, y, &n, &iy, 1);
        if (ix || iy) t_error("dgetrs_ %s: info %d / %d\n", trans[t], ix, iy);
        if (max_rel_diff(x, y, (size_t)n * nrhs) > 1e-9) t_error("dgetrs_ %s n=%d: solutions differ by %g\n", trans[t], n, max_rel_diff(x, y, (size_t)n * nrhs));
        free(x); free(y);
    }
    double *ax = t_copy(a, (size_t)n * n), *ay = t_copy(a, (size_t)n * n);
    double *x = t_copy(b, (size_t)n * nrhs), *y = t_copy(b, (size_t)n * nrhs);
    int *px = malloc(sizeof(int) * n), *py = malloc(sizeof(int) * n), ix = 7, iy = 7;
    dgesv_(&n, &nrhs, ax, &n, px, x, &n, &ix);
    ref_gesv(&n, &nrhs, ay, &n, py, y, &n, &iy);
    if (ix != iy || memcmp(px, py, sizeof(int) * n)) t_error("dgesv_ n=%d: info or pivots differ\n", n);
    if (max_rel_diff(x, y, (size_t)n * nrhs) > 1e-9) t_error("dgesv_ n=%d: solutions differ\n", n);
    int lwork = -1;
    double qx, qy;
    dgetri_(&n, ax, &n, px, &qx, &lwork, &ix);
    ref_getri(&n, ay, &n, py, &qy, &lwork, &iy);
    if (qx != qy) t_error("dgetri_ n=%d: lwork query %g, reference %g\n", n, qx, qy);
    lwork = (int)qy;
    double *wx = malloc(sizeof(double) * lwork), *wy = malloc(sizeof(double) * lwork);
    dgetri_(&n, ax, &n, px, wx, &lwork, &ix);
    ref_getri(&n, ay, &n, py, wy, &lwork, &iy);
    if (ix != iy) t_error("dgetri_ n=%d: info %d, reference %d\n", n, ix, iy);
    if (max_rel_diff(ax, ay, (size_t)n * n) > 1e-8) t_error("dgetri_ n=%d: inverses differ by %g\n", n, max_rel_diff(ax, ay, (size_t)n * n));
    free(a); free(b); free(ax); free(ay); free(x); free(y); free(px); free(py); free(wx); free(wy);
    t_free(&f);
}

/* NaN and Inf placed where they matter (first pivot, a whole column, everywhere, next to
 * an exactly zero column), at sizes that reach the unblocked, recursive and parallel
 * paths: every routine returns (the runner's timeout catches a hang) with the info the
 * reference reports. A pivot that is NaN is not zero, so LAPACK reports no singularity
 * for it; only exact zeros count. */
static void nan_inf(void) {
    const double bad[] = {nan(""), INFINITY, -INFINITY};
    int sizes[][2] = {{5, 5}, {60, 60}, {130, 130}, {90, 40}, {40, 90}};
    for (size_t v = 0; v < 3; v++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            int m = sizes[z][0], n = sizes[z][1], k = m < n ? m : n;
            char what[64];
            for (int place = 0; place < 5; place++) {
                double *a = t_random(m, n, m, 700 + z * 8 + place);
                if (place == 0) a[0] = bad[v];                                       /* first pivot */
                if (place == 1) for (int i = 0; i < m; i++) a[i + (size_t)(k / 2) * m] = bad[v]; /* a column */
                if (place == 2) for (size_t i = 0; i < (size_t)m * n; i++) a[i] = bad[v];       /* everywhere */
                if (place == 3) {                                   /* zero column, then the value */
                    for (int i = 0; i < m; i++) a[i + (size_t)(k / 3) * m] = 0;
                    a[(m - 1) + (size_t)(n - 1) * m] = bad[v];
                }
                if (place == 4) a[(m / 2) + (size_t)(k / 2) * m] = bad[v];          /* one entry inside */
                snprintf(what, sizeof what, "%s at place %d", v == 0 ? "NaN" : v == 1 ? "Inf" : "-Inf", place);
                compare_getrf(what, a, m, n, m, 0);
                if (m == n) {
                    /* dgesv_, then dgetri_ on its factors, then dgetrs_ with a bad right-hand side. */
                    int nrhs = 2, ix = 7, iy = 7, lw = 64 * n;
                    double *ax = t_copy(a, (size_t)n * n), *ay = t_copy(a, (size_t)n * n);
                    double *bx = t_random(n, nrhs, n, 9), *by = t_copy(bx, (size_t)n * nrhs);
                    int *px = calloc((size_t)n, sizeof(int)), *py = calloc((size_t)n, sizeof(int));
                    dgesv_(&n, &nrhs, ax, &n, px, bx, &n, &ix);
                    ref_gesv(&n, &nrhs, ay, &n, py, by, &n, &iy);
                    if (ix != iy) t_error("dgesv_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    double *wx = malloc(sizeof(double) * lw), *wy = malloc(sizeof(double) * lw);
                    if (ix == 0) {
                        dgetri_(&n, ax, &n, px, wx, &lw, &ix);
                        ref_getri(&n, ay, &n, py, wy, &lw, &iy);
                        if (ix != iy) t_error("dgetri_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    }
                    double *fin = t_random(n, n, n, 11);
                    t_lu f = t_factor("finite factors", fin, n, n, n);
                    free(fin);
                    bx[0] = by[0] = bad[v];
                    dgetrs_("N", &n, &nrhs, f.lu, &n, f.ipiv, bx, &n, &ix);
                    ref_getrs("N", &n, &nrhs, f.lu, &n, f.ipiv, by, &n, &iy, 1);
                    if (ix != iy) t_error("dgetrs_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    free(ax); free(ay); free(bx); free(by); free(px); free(py); free(wx); free(wy);
                    t_free(&f);
                }
                free(a);
            }
        }
}

/* The ILP64 twins and the LAPACKE-style API against the LP64 entry points. */
static void other_entry_points(int m, int n, uint64_t seed) {
    int lda = m + 2;
    double *a = t_random(m, n, lda, seed);
    t_lu f = t_factor("lp64", a, m, n, lda);
    int k = m < n ? m : n;
    int64_t m64 = m, n64 = n, lda64 = lda, info64 = 7, *p64 = malloc(sizeof(int64_t) * k);
    double *x = t_copy(a, (size_t)lda * n);
    dgetrf_64_(&m64, &n64, x, &lda64, p64, &info64);
    for (int i = 0; i < k; i++) if (p64[i] != f.ipiv[i]) { t_error("dgetrf_64_ pivots differ\n"); break; }
    if (info64 || memcmp(x, f.lu, sizeof(double) * (size_t)lda * n)) t_error("dgetrf_64_ differs from dgetrf_\n");
    memcpy(x, a, sizeof(double) * (size_t)lda * n);
    int *p = malloc(sizeof(int) * k);
    if (forklu_dgetrf(FORKLU_COL_MAJOR, m, n, x, lda, p) != 0 || memcmp(x, f.lu, sizeof(double) * (size_t)lda * n))
        t_error("forklu_dgetrf (col-major) differs from dgetrf_\n");
    /* Row-major: the same logical matrix stored transposed (ld = n + 1). */
    int ldr = n + 1;
    double *r = malloc(sizeof(double) * (size_t)m * ldr);
    for (int i = 0; i < m; i++) for (int j = 0; j < ldr; j++) r[(size_t)i * ldr + j] = j < n ? a[i + (size_t)j * lda] : 42.0;
    if (forklu_dgetrf(FORKLU_ROW_MAJOR, m, n, r, ldr, p) != 0) t_error("forklu_dgetrf row-major failed\n");
    if (memcmp(p, f.ipiv, sizeof(int) * k)) t_error("row-major pivots differ\n");
    double d = 0;
    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) d = fmax(d, fabs(r[(size_t)i * ldr + j] - f.lu[i + (size_t)j * lda]));
    if (d > 1e-12) t_error("row-major factors differ by %g\n", d);
    for (int i = 0; i < m; i++) if (r[(size_t)i * ldr + n] != 42.0) { t_error("row-major padding written\n"); break; }
    if (forklu_dgetrf(7, m, n, x, lda, p) != -1) t_error("unknown layout not rejected with -1\n");
    if (forklu_dgetrf(FORKLU_ROW_MAJOR, m, n, r, n - 1, p) != -5) t_error("row-major lda < n not rejected with -5\n");
    free(a); free(x); free(p64); free(p); free(r);
    t_free(&f);
}

int main(void) {
    dlerror();
    void *blas = dlopen("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", RTLD_NOW | RTLD_GLOBAL);
    void *lapack = blas ? dlopen("/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3", RTLD_NOW | RTLD_GLOBAL) : NULL;
    if (!lapack) { t_error("reference LAPACK not loadable (%s): install liblapack3 libblas3\n", dlerror()); return 1; }
    ref_getrf = (getrf_t *)need(lapack, "dgetrf_");
    ref_getrs = (getrs_t *)need(lapack, "dgetrs_");
    ref_gesv = (gesv_t *)need(lapack, "dgesv_");
    ref_getri = (getri_t *)need(lapack, "dgetri_");

    int sq[] = {1, 2, 3, 5, 17, 63, 64, 65, 130, 300};
    for (size_t i = 0; i < sizeof sq / sizeof sq[0]; i++) {
        double *a = t_random(sq[i], sq[i], sq[i] + 3, 100 + i);
        compare_getrf("random", a, sq[i], sq[i], sq[i] + 3, 1);
        free(a);
    }
    int rect[][2] = {{50, 30}, {30, 50}, {200, 7}, {7, 200}, {1, 40}, {40, 1}, {257, 129}};
    for (size_t i = 0; i < sizeof rect / sizeof rect[0]; i++) {
        double *a = t_random(rect[i][0], rect[i][1], rect[i][0], 200 + i);
        compare_getrf("rectangular", a, rect[i][0], rect[i][1], rect[i][0], 1);
        free(a);
    }
    /* Exactly singular: a zero column, a repeated column, the zero matrix, rank one. */
    for (int n = 4; n <= 120; n += 58) {
        double *a = t_random(n, n, n, 300 + n);
        for (int i = 0; i < n; i++) a[i + (size_t)(n / 2) * n] = 0;
        compare_getrf("zero column", a, n, n, n, 1);
        for (int i = 0; i < n; i++) a[i + (size_t)(n / 3) * n] = a[i];
        compare_getrf("repeated column", a, n, n, n, 0);
        memset(a, 0, sizeof(double) * n * n);
        compare_getrf("zero matrix", a, n, n, n, 1);
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) a[i + (size_t)j * n] = (double)((i % 7) + 1) * (double)(j + 1);
        compare_getrf("rank one", a, n, n, n, 0);
        free(a);
    }
    double *nan_a = t_random(60, 60, 60, 400);
    nan_a[17 + 60 * 23] = nan("");
    compare_getrf("NaN-bearing", nan_a, 60, 60, 60, 0);
    free(nan_a);

    nan_inf();
    bad_args();
    solves(1, 1, 500);
    solves(37, 3, 501);
    solves(200, 17, 502);
    int sing_n = 3, nrhs = 1, ipv[3], ix, iy;
    double s1[9] = {1, 2, 3, 2, 4, 6, 1, 0, 1}, s2[9] = {1, 2, 3, 2, 4, 6, 1, 0, 1}, b1[3] = {1, 1, 1}, b2[3] = {1, 1, 1};
    dgesv_(&sing_n, &nrhs, s1, &sing_n, ipv, b1, &sing_n, &ix);
    ref_gesv(&sing_n, &nrhs, s2, &sing_n, ipv, b2, &sing_n, &iy);
    if (ix != iy || memcmp(b1, b2, sizeof b1)) t_error("singular dgesv_: info %d vs %d or b differs\n", ix, iy);
    other_entry_points(90, 70, 600);
    other_entry_points(70, 90, 601);
    printf("conformance: done, %d reference xerbla_ calls intercepted\n", xerbla_calls);
    if (xerbla_calls == 0) t_error("no bad-argument case reached the reference's xerbla_\n");
    return t_status;
}
