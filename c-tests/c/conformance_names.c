/* Every name set in every precision (s, d, c, z) computes what the LP64 name does: the
 * ILP64 names (zgetrf_64_), the forklu_-prefixed ones in both widths and the
 * LAPACKE-style ones in column-major order return the same info, pivots and bits as the
 * LP64 call, for getrf, getrs (trans 'N', 'T', 'C'), gesv and getri (and its lwork
 * query). The LAPACKE-style names in row-major order work on the same logical matrices
 * stored transposed through strided views, where the arithmetic may run in another
 * order: they must give the same info and pivots, results equal to the precision's
 * rounding, and untouched padding. Written once for the four precisions (t_prec.h); an
 * argument such as "cz" runs only those. */
#ifndef T_PREC
#include "t_prec.h"

/* Row-major results may differ from the LP64 ones by this many max(m, n) eps, relative
 * to the largest entry (at most 2.3 measured over the three kernels; the real
 * precisions' were bit-identical with the scalar and AVX2 kernels, d's not with
 * AVX-512, the complex ones never). */
#define ROW_MAJOR_TOL 16.0

#define T_SELF "conformance_names.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    T_RUN_SELECTED();
    t_report("conformance_names");
    return t_status;
}
#else
#include "t_prec.h"

/* The m x n matrix of the column-major c (leading dimension ldc) in row-major order with
 * leading dimension ldr > n; the padding columns hold 42. */
static T_elem *T_F(to_row)(const T_elem *c, int m, int n, int ldc, int ldr) {
    T_elem *r = T_F(t_alloc)((size_t)m * ldr);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < ldr; j++)
            if (j < n) memcpy(&r[(size_t)i * ldr + j], &c[i + (size_t)j * ldc], sizeof(T_elem));
            else T_F(t_set)(r, (size_t)i * ldr + j, 42, 42);
    return r;
}

/* The row-major r back in column-major order with leading dimension m. */
static T_elem *T_F(from_row)(const T_elem *r, int m, int n, int ldr) {
    T_elem *c = T_F(t_alloc)((size_t)m * n);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) memcpy(&c[i + (size_t)j * m], &r[(size_t)i * ldr + j], sizeof(T_elem));
    return c;
}

/* The column-major c (leading dimension ldc) with leading dimension m. */
static T_elem *T_F(packed)(const T_elem *c, int m, int n, int ldc) {
    T_elem *p = T_F(t_alloc)((size_t)m * n);
    for (int j = 0; j < n; j++) memcpy(&p[(size_t)j * m], &c[(size_t)j * ldc], sizeof(T_elem) * (size_t)m);
    return p;
}

/* Row-major r (ldr) against column-major c (ldc): close, and padding columns still 42. */
static void T_F(row_close)(const char *what, const T_elem *r, const T_elem *c, int m, int n, int ldr, int ldc) {
    T_elem *x = T_F(from_row)(r, m, n, ldr), *y = T_F(packed)(c, m, n, ldc);
    double d = T_F(t_rel_diff)(x, y, m, n, m), tol = ROW_MAJOR_TOL * (m > n ? m : n) * T_EPS;
    T_CHECK(d <= tol, "%s %dx%d row-major: differs from LP64 by %g relative (allowed %g)\n", what, m, n, d, tol);
    int pad_ok = 1;
    for (int i = 0; i < m; i++)
        for (int j = n; j < ldr; j++) pad_ok &= T_F(t_part)(r, (size_t)i * ldr + j, 0) == 42 && T_F(t_part)(r, (size_t)i * ldr + j, 1) == (T_NR == 2 ? 42 : 0);
    T_CHECK(pad_ok, "%s %dx%d row-major: padding written\n", what, m, n);
    free(x); free(y);
}

/* Equal bits of len elements, pivots and info. */
#define SAME(what, x, y, len, px, py, k, ix, iy)                                                                \
    T_CHECK((long long)(ix) == (long long)(iy) && !memcmp(x, y, sizeof(T_elem) * (size_t)(len)) && T_F(same_piv)(px, py, k), \
            "%s: differs from the LP64 call (info %lld, LP64 %lld)\n", what, (long long)(ix), (long long)(iy))

static int T_F(same_piv)(const void *p, const int *lp64, int k) {
    /* p is int or int64_t per name set; the caller passes the widened copy. */
    return !memcmp(p, lp64, sizeof(int) * (size_t)k);
}

static void T_F(getrf_names)(int m, int n, uint64_t seed) {
    int lda = m + 2, k = m < n ? m : n, info = 7;
    size_t len = (size_t)lda * n;
    T_elem *a = T_F(t_rand)(m, n, lda, seed), *lu = T_F(t_dup)(a, len), *x = T_F(t_alloc)(len);
    int *ipiv = calloc((size_t)k + 1, sizeof(int)), *p = calloc((size_t)k + 1, sizeof(int));
    int64_t *p64 = calloc((size_t)k + 1, sizeof(int64_t)), m64 = m, n64 = n, lda64 = lda, i64;
    T_L(getrf_)(&m, &n, lu, &lda, ipiv, &info);
    T_CHECK(info == 0, T_NAME "getrf_ %dx%d: info %d\n", m, n, info);
    for (int set = 0; set < 4; set++) {
        memcpy(x, a, sizeof(T_elem) * len);
        i64 = 7;
        int i32 = 7;
        const char *what = set == 0 ? T_NAME "getrf_64_" : set == 1 ? "forklu_" T_NAME "getrf_" : set == 2 ? "forklu_" T_NAME "getrf_64_" : "forklu_" T_NAME "getrf col-major";
        if (set == 0) T_L(getrf_64_)(&m64, &n64, x, &lda64, p64, &i64);
        if (set == 1) T_P(getrf_)(&m, &n, x, &lda, p, &i32);
        if (set == 2) T_P(getrf_64_)(&m64, &n64, x, &lda64, p64, &i64);
        if (set == 3) i32 = T_P(getrf)(FORKLU_COL_MAJOR, m, n, x, lda, p);
        if (set == 0 || set == 2) {
            i32 = (int)i64;
            for (int i = 0; i < k; i++) p[i] = (int)p64[i];
        }
        SAME(what, x, lu, len, p, ipiv, k, i32, info);
    }
    int ldr = n + 1;
    T_elem *r = T_F(to_row)(a, m, n, lda, ldr);
    int ir = T_P(getrf)(FORKLU_ROW_MAJOR, m, n, r, ldr, p);
    T_CHECK(ir == info && T_F(same_piv)(p, ipiv, k), "forklu_" T_NAME "getrf row-major %dx%d: info %d or pivots differ\n", m, n, ir);
    T_F(row_close)("forklu_" T_NAME "getrf", r, lu, m, n, ldr, lda);
    free(a); free(lu); free(x); free(ipiv); free(p); free(p64); free(r);
}

/* getrs, gesv and getri through every name set, on an n x n system with nrhs columns. */
static void T_F(solve_names)(int n, int nrhs, uint64_t seed) {
    int lda = n + 1, ldb = n + 2, info = 7;
    int64_t n64 = n, nrhs64 = nrhs, lda64 = lda, ldb64 = ldb, *p64 = calloc((size_t)n, sizeof(int64_t)), i64;
    T_elem *a = T_F(t_rand)(n, n, lda, seed), *b = T_F(t_rand)(n, nrhs, ldb, seed + 1);
    size_t alen = (size_t)lda * n, blen = (size_t)ldb * nrhs;
    T_elem *lu = T_F(t_dup)(a, alen), *x = T_F(t_alloc)(blen), *y = T_F(t_alloc)(blen), *ax = T_F(t_alloc)(alen);
    int *ipiv = calloc((size_t)n, sizeof(int)), *p = calloc((size_t)n, sizeof(int));
    T_L(getrf_)(&n, &n, lu, &lda, ipiv, &info);
    T_CHECK(info == 0, T_NAME "getrf_ n=%d: info %d\n", n, info);
    for (int i = 0; i < n; i++) p64[i] = ipiv[i];
    /* Row-major copies: the factors from the row-major getrf, B stored row by row. */
    int ldar = n + 1, ldbr = nrhs + 1;
    T_elem *ar = T_F(to_row)(a, n, n, lda, ldar), *br = T_F(to_row)(b, n, nrhs, ldb, ldbr);
    int *pr = calloc((size_t)n, sizeof(int));
    T_CHECK(T_P(getrf)(FORKLU_ROW_MAJOR, n, n, ar, ldar, pr) == 0, "forklu_" T_NAME "getrf row-major n=%d failed\n", n);

    const char trans[] = "NTC";
    for (int t = 0; t < 3; t++) {
        int iy = 7;
        memcpy(y, b, sizeof(T_elem) * blen);
        T_L(getrs_)(&trans[t], &n, &nrhs, lu, &lda, ipiv, y, &ldb, &iy);
        for (int set = 0; set < 4; set++) {
            int i32 = 7;
            i64 = 7;
            memcpy(x, b, sizeof(T_elem) * blen);
            if (set == 0) T_L(getrs_64_)(&trans[t], &n64, &nrhs64, lu, &lda64, p64, x, &ldb64, &i64);
            if (set == 1) T_P(getrs_)(&trans[t], &n, &nrhs, lu, &lda, ipiv, x, &ldb, &i32);
            if (set == 2) T_P(getrs_64_)(&trans[t], &n64, &nrhs64, lu, &lda64, p64, x, &ldb64, &i64);
            if (set == 3) i32 = T_P(getrs)(FORKLU_COL_MAJOR, trans[t], n, nrhs, lu, lda, ipiv, x, ldb);
            if (set == 0 || set == 2) i32 = (int)i64;
            char what[64];
            snprintf(what, sizeof what, "%s '%c'", set == 0 ? T_NAME "getrs_64_" : set == 1 ? "forklu_" T_NAME "getrs_" : set == 2 ? "forklu_" T_NAME "getrs_64_" : "forklu_" T_NAME "getrs col-major", trans[t]);
            SAME(what, x, y, blen, ipiv, ipiv, 0, i32, iy);
        }
        T_elem *xr = T_F(t_dup)(br, (size_t)n * ldbr);
        int ir = T_P(getrs)(FORKLU_ROW_MAJOR, trans[t], n, nrhs, ar, ldar, pr, xr, ldbr);
        T_CHECK(ir == iy, "forklu_" T_NAME "getrs row-major '%c': info %d\n", trans[t], ir);
        T_F(row_close)("forklu_" T_NAME "getrs", xr, y, n, nrhs, ldbr, ldb);
        free(xr);
    }

    /* gesv: factors, pivots and solution. */
    int iy = 7;
    T_elem *ay = T_F(t_dup)(a, alen);
    memcpy(y, b, sizeof(T_elem) * blen);
    T_L(gesv_)(&n, &nrhs, ay, &lda, ipiv, y, &ldb, &iy);
    for (int set = 0; set < 4; set++) {
        int i32 = 7;
        i64 = 7;
        memcpy(x, b, sizeof(T_elem) * blen);
        memcpy(ax, a, sizeof(T_elem) * alen);
        if (set == 0) T_L(gesv_64_)(&n64, &nrhs64, ax, &lda64, p64, x, &ldb64, &i64);
        if (set == 1) T_P(gesv_)(&n, &nrhs, ax, &lda, p, x, &ldb, &i32);
        if (set == 2) T_P(gesv_64_)(&n64, &nrhs64, ax, &lda64, p64, x, &ldb64, &i64);
        if (set == 3) i32 = T_P(gesv)(FORKLU_COL_MAJOR, n, nrhs, ax, lda, p, x, ldb);
        if (set == 0 || set == 2) {
            i32 = (int)i64;
            for (int i = 0; i < n; i++) p[i] = (int)p64[i];
        }
        const char *what = set == 0 ? T_NAME "gesv_64_" : set == 1 ? "forklu_" T_NAME "gesv_" : set == 2 ? "forklu_" T_NAME "gesv_64_" : "forklu_" T_NAME "gesv col-major";
        SAME(what, x, y, blen, p, ipiv, n, i32, iy);
        SAME(what, ax, ay, alen, p, ipiv, n, i32, iy);
    }
    T_elem *axr = T_F(to_row)(a, n, n, lda, ldar), *xr = T_F(t_dup)(br, (size_t)n * ldbr);
    int ir = T_P(gesv)(FORKLU_ROW_MAJOR, n, nrhs, axr, ldar, p, xr, ldbr);
    T_CHECK(ir == iy && T_F(same_piv)(p, ipiv, n), "forklu_" T_NAME "gesv row-major n=%d: info %d or pivots differ\n", n, ir);
    T_F(row_close)("forklu_" T_NAME "gesv (factors)", axr, ay, n, n, ldar, lda);
    T_F(row_close)("forklu_" T_NAME "gesv (solution)", xr, y, n, nrhs, ldbr, ldb);
    free(axr); free(xr);

    /* getri: the lwork query and the inverse. */
    int query = -1, lwork;
    int64_t query64 = -1, lwork64;
    T_elem q, qx, *w;
    iy = 7;
    T_L(getri_)(&n, lu, &lda, ipiv, &q, &query, &iy);
    lwork = (int)T_F(t_part)(&q, 0, 0);
    lwork64 = lwork;
    w = T_F(t_alloc)((size_t)lwork);
    for (int set = 0; set < 4; set++) {
        int i32 = 7;
        i64 = 7;
        T_F(t_set)(&qx, 0, -1, -1);
        if (set == 0) T_L(getri_64_)(&n64, lu, &lda64, p64, &qx, &query64, &i64);
        if (set == 1) T_P(getri_)(&n, lu, &lda, ipiv, &qx, &query, &i32);
        if (set == 2) T_P(getri_64_)(&n64, lu, &lda64, p64, &qx, &query64, &i64);
        if (set == 3) i32 = T_P(getri)(FORKLU_COL_MAJOR, n, lu, lda, ipiv, &qx, -1);
        if (set == 0 || set == 2) i32 = (int)i64;
        T_CHECK(i32 == 0 && !memcmp(&qx, &q, sizeof q), T_NAME "getri lwork query, name set %d: info %d, (%g, %g), LP64 (%g, %g)\n", set, i32,
                T_F(t_part)(&qx, 0, 0), T_F(t_part)(&qx, 0, 1), T_F(t_part)(&q, 0, 0), T_F(t_part)(&q, 0, 1));
    }
    memcpy(ay, lu, sizeof(T_elem) * alen);
    iy = 7;
    T_L(getri_)(&n, ay, &lda, ipiv, w, &lwork, &iy);
    T_CHECK(iy == 0, T_NAME "getri_ n=%d: info %d\n", n, iy);
    for (int set = 0; set < 4; set++) {
        int i32 = 7;
        i64 = 7;
        memcpy(ax, lu, sizeof(T_elem) * alen);
        if (set == 0) T_L(getri_64_)(&n64, ax, &lda64, p64, w, &lwork64, &i64);
        if (set == 1) T_P(getri_)(&n, ax, &lda, ipiv, w, &lwork, &i32);
        if (set == 2) T_P(getri_64_)(&n64, ax, &lda64, p64, w, &lwork64, &i64);
        if (set == 3) i32 = T_P(getri)(FORKLU_COL_MAJOR, n, ax, lda, ipiv, w, lwork);
        if (set == 0 || set == 2) i32 = (int)i64;
        const char *what = set == 0 ? T_NAME "getri_64_" : set == 1 ? "forklu_" T_NAME "getri_" : set == 2 ? "forklu_" T_NAME "getri_64_" : "forklu_" T_NAME "getri col-major";
        SAME(what, ax, ay, alen, ipiv, ipiv, 0, i32, iy);
    }
    T_F(t_set)(&qx, 0, -1, -1);
    ir = T_P(getri)(FORKLU_ROW_MAJOR, n, ar, ldar, pr, &qx, -1);
    T_CHECK(ir == 0 && !memcmp(&qx, &q, sizeof q), "forklu_" T_NAME "getri row-major lwork query: info %d, %g\n", ir, T_F(t_part)(&qx, 0, 0));
    ir = T_P(getri)(FORKLU_ROW_MAJOR, n, ar, ldar, pr, w, lwork);
    T_CHECK(ir == 0, "forklu_" T_NAME "getri row-major n=%d: info %d\n", n, ir);
    T_F(row_close)("forklu_" T_NAME "getri", ar, ay, n, n, ldar, lda);
    free(a); free(b); free(lu); free(x); free(y); free(ax); free(ay); free(ipiv); free(p); free(p64);
    free(ar); free(br); free(pr); free(w);
}

static void T_F(run)(void) {
    T_F(getrf_names)(90, 70, 800);
    T_F(getrf_names)(70, 90, 801);
    T_F(getrf_names)(130, 130, 802);
    T_F(solve_names)(37, 3, 810);
    T_F(solve_names)(130, 5, 811);
}
#undef T_PREC
#endif
