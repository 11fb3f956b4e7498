/* getrs_ and gesv_ in every precision (s, d, c, z) against reference LAPACK 3.11's:
 * getrs_ with trans 'N', 'T' and 'C' (either case) on the same factors gives solutions
 * equal to the precision's rounding, and for complex matrices 'C' (A^H X = B) a
 * different solution from 'T' (A^T X = B), for real ones the same bits; gesv_ gives the
 * same info and pivots, factors and solutions equal to rounding, and on a singular
 * matrix the same info with B untouched. Padding rows of A and B stay untouched.
 * Written once for the four precisions (t_prec.h); an argument such as "cz" runs only
 * those. */
#ifndef T_PREC
#include "t_ref.h"

/* Solutions may differ by this many n eps relative to their largest entry: from the
 * same factors (getrs_; at most 0.33 measured over the three kernels), and from
 * factors that differ by rounding (gesv_; at most 2.7), which the condition number of
 * these random matrices amplifies. Factors may differ by this many n eps (at most 0.9). */
#define GETRS_TOL 4.0
#define GESV_TOL 32.0
#define FACTOR_TOL 8.0

#define T_SELF "conformance_solve.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    t_ref_open();
    T_RUN_SELECTED();
    t_report("conformance_solve");
    return t_status;
}
#else
#include "t_prec.h"
#include "t_ref.h"

/* getrs_ with every trans on forklu's factors of a random n x n matrix, by both
 * libraries, with lda = n + 2 and ldb = n + 1. */
static void T_F(getrs_case)(int n, int nrhs, uint64_t seed) {
    int lda = n + 2, ldb = n + 1;
    T_elem *a = T_F(t_rand)(n, n, lda, seed), *b = T_F(t_rand)(n, nrhs, ldb, seed + 1);
    T_F(t_lu) f = T_F(t_factor)("getrs factors", a, n, n, lda);
    T_elem *sol[2] = {NULL, NULL}; /* 'T', 'C' */
    const char *trans = "NTCntc";
    for (int t = 0; t < 6; t++) {
        size_t len = (size_t)ldb * (size_t)nrhs;
        T_elem *x = T_F(t_dup)(b, len), *y = T_F(t_dup)(b, len);
        int ix = 7, iy = 7;
        T_L(getrs_)(&trans[t], &n, &nrhs, f.lu, &lda, f.ipiv, x, &ldb, &ix);
        T_F(ref_getrs)(&trans[t], &n, &nrhs, f.lu, &lda, f.ipiv, y, &ldb, &iy, 1);
        T_CHECK(ix == 0 && iy == 0, T_NAME "getrs_ '%c' n=%d: info %d, reference %d\n", trans[t], n, ix, iy);
        double d = T_F(t_rel_diff)(x, y, n, nrhs, ldb), tol = GETRS_TOL * n * T_EPS;
        T_CHECK(d <= tol, T_NAME "getrs_ '%c' n=%d nrhs=%d: solutions differ by %g relative (allowed %g)\n", trans[t], n, nrhs, d, tol);
        T_CHECK(T_F(t_padding_same)(x, b, n, nrhs, ldb), T_NAME "getrs_ '%c' n=%d: padding rows of B written\n", trans[t], n);
        if (t == 1 || t == 2) sol[t - 1] = x;
        else free(x);
        free(y);
    }
    if (T_NR == 2) {
        double d = T_F(t_rel_diff)(sol[1], sol[0], n, nrhs, ldb);
        T_CHECK(d > 1e-3, T_NAME "getrs_ n=%d: 'C' (A^H X = B) solved as 'T' (A^T X = B): solutions differ by only %g\n", n, d);
    } else if (T_NR == 1) {
        T_CHECK(!memcmp(sol[0], sol[1], sizeof(T_elem) * (size_t)ldb * nrhs), T_NAME "getrs_ n=%d: 'C' differs from 'T' for a real matrix\n", n);
    }
    free(sol[0]); free(sol[1]); free(a); free(b);
    T_F(t_free)(&f);
}

/* gesv_ on a random n x n system by both libraries, lda = n + 1, ldb = n + 3. */
static void T_F(gesv_case)(int n, int nrhs, uint64_t seed) {
    int lda = n + 1, ldb = n + 3;
    T_elem *a = T_F(t_rand)(n, n, lda, seed), *b = T_F(t_rand)(n, nrhs, ldb, seed + 1);
    T_elem *ax = T_F(t_dup)(a, (size_t)lda * n), *ay = T_F(t_dup)(a, (size_t)lda * n);
    T_elem *x = T_F(t_dup)(b, (size_t)ldb * nrhs), *y = T_F(t_dup)(b, (size_t)ldb * nrhs);
    int *px = calloc((size_t)n + 1, sizeof(int)), *py = calloc((size_t)n + 1, sizeof(int)), ix = 7, iy = 7;
    T_L(gesv_)(&n, &nrhs, ax, &lda, px, x, &ldb, &ix);
    T_F(ref_gesv)(&n, &nrhs, ay, &lda, py, y, &ldb, &iy);
    T_CHECK(ix == 0 && iy == 0, T_NAME "gesv_ n=%d: info %d, reference %d\n", n, ix, iy);
    T_CHECK(!memcmp(px, py, sizeof(int) * (size_t)n), T_NAME "gesv_ n=%d: pivots differ\n", n);
    double d = T_F(t_rel_diff)(ax, ay, n, n, lda);
    T_CHECK(d <= FACTOR_TOL * n * T_EPS, T_NAME "gesv_ n=%d: factors differ by %g relative\n", n, d);
    d = T_F(t_rel_diff)(x, y, n, nrhs, ldb);
    T_CHECK(d <= GESV_TOL * n * T_EPS, T_NAME "gesv_ n=%d nrhs=%d: solutions differ by %g relative (allowed %g)\n", n, nrhs, d,
            GESV_TOL * n * T_EPS);
    T_CHECK(T_F(t_padding_same)(ax, a, n, n, lda) && T_F(t_padding_same)(x, b, n, nrhs, ldb),
            T_NAME "gesv_ n=%d: padding rows written\n", n);
    free(a); free(b); free(ax); free(ay); free(x); free(y); free(px); free(py);
}

/* gesv_ on a matrix with a zero column: the same info as the reference, B untouched. */
static void T_F(gesv_singular)(int n, uint64_t seed) {
    int nrhs = 2;
    T_elem *a = T_F(t_rand)(n, n, n, seed), *b = T_F(t_rand)(n, nrhs, n, seed + 1);
    for (int i = 0; i < n; i++) T_F(t_set)(a, i + (size_t)(n / 2) * n, 0, 0);
    T_elem *ax = T_F(t_dup)(a, (size_t)n * n), *ay = T_F(t_dup)(a, (size_t)n * n);
    T_elem *x = T_F(t_dup)(b, (size_t)n * nrhs), *y = T_F(t_dup)(b, (size_t)n * nrhs);
    int *px = calloc((size_t)n, sizeof(int)), *py = calloc((size_t)n, sizeof(int)), ix = 7, iy = 7;
    T_L(gesv_)(&n, &nrhs, ax, &n, px, x, &n, &ix);
    T_F(ref_gesv)(&n, &nrhs, ay, &n, py, y, &n, &iy);
    T_CHECK(ix == iy && ix > 0, T_NAME "gesv_ singular n=%d: info %d, reference %d\n", n, ix, iy);
    T_CHECK(!memcmp(x, b, sizeof(T_elem) * (size_t)n * nrhs) && !memcmp(y, b, sizeof(T_elem) * (size_t)n * nrhs),
            T_NAME "gesv_ singular n=%d: B changed\n", n);
    free(a); free(b); free(ax); free(ay); free(x); free(y); free(px); free(py);
}

static void T_F(run)(void) {
    T_F(ref_load)();
    int cases[][2] = {{1, 1}, {2, 2}, {37, 3}, {200, 17}, {300, 1}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        T_F(getrs_case)(cases[c][0], cases[c][1], 500 + c);
        T_F(gesv_case)(cases[c][0], cases[c][1], 520 + c);
    }
    T_F(gesv_singular)(3, 540);
    T_F(gesv_singular)(90, 541);
}
#undef T_PREC
#endif
