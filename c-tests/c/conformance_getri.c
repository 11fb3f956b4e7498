/* getri_ in every precision (s, d, c, z) against reference LAPACK 3.11's, both given
 * forklu's factors: the lwork = -1 query answers the same, the inverse with that
 * workspace and with the smallest (lwork = n, LAPACK's unblocked path) equals the
 * reference's to the precision's rounding, padding rows stay untouched, a too-small
 * lwork gets the same info (-6) and an exactly zero U(i, i) the same info (i), both
 * leaving A untouched. Written once for the four precisions (t_prec.h); an argument
 * such as "cz" runs only those. */
#ifndef T_PREC
#include "t_ref.h"

/* Inverses may differ by this many n eps relative to their largest entry: from the
 * same factors, amplified by the condition number of these random matrices (at most
 * 0.35 measured over the three kernels). */
#define GETRI_TOL 4.0

#define T_SELF "conformance_getri.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    t_ref_open();
    T_RUN_SELECTED();
    t_report("conformance_getri");
    return t_status;
}
#else
#include "t_prec.h"
#include "t_ref.h"

/* Both libraries invert copies of f's factors with lwork; same info, close inverses. */
static void T_F(invert)(const T_F(t_lu) *f, const T_elem *a0, int lwork, const char *what) {
    int n = f->n, lda = f->lda, ix = 7, iy = 7;
    T_elem *x = T_F(t_dup)(f->lu, (size_t)lda * n), *y = T_F(t_dup)(f->lu, (size_t)lda * n);
    T_elem *wx = T_F(t_alloc)((size_t)lwork), *wy = T_F(t_alloc)((size_t)lwork);
    T_L(getri_)(&n, x, &lda, f->ipiv, wx, &lwork, &ix);
    T_F(ref_getri)(&n, y, &lda, f->ipiv, wy, &lwork, &iy);
    T_CHECK(ix == 0 && iy == 0, T_NAME "getri_ %s n=%d lwork=%d: info %d, reference %d\n", what, n, lwork, ix, iy);
    double d = T_F(t_rel_diff)(x, y, n, n, lda), tol = GETRI_TOL * n * T_EPS;
    T_CHECK(d <= tol, T_NAME "getri_ %s n=%d lwork=%d: inverses differ by %g relative (allowed %g)\n", what, n, lwork, d, tol);
    T_CHECK(T_F(t_padding_same)(x, a0, n, n, lda), T_NAME "getri_ %s n=%d: padding rows written\n", what, n);
    free(x); free(y); free(wx); free(wy);
}

static void T_F(getri_case)(int n, uint64_t seed) {
    int lda = n + 2, query = -1, ix = 7, iy = 7;
    T_elem *a = T_F(t_rand)(n, n, lda, seed);
    T_F(t_lu) f = T_F(t_factor)("getri factors", a, n, n, lda);
    T_elem qx, qy, *x = T_F(t_dup)(f.lu, (size_t)lda * n);
    T_F(t_set)(&qx, 0, -1, -1);
    T_F(t_set)(&qy, 0, -2, -2);
    T_L(getri_)(&n, x, &lda, f.ipiv, &qx, &query, &ix);
    T_F(ref_getri)(&n, x, &lda, f.ipiv, &qy, &query, &iy);
    T_CHECK(ix == 0 && iy == 0, T_NAME "getri_ query n=%d: info %d, reference %d\n", n, ix, iy);
    T_CHECK(!memcmp(&qx, &qy, sizeof qx), T_NAME "getri_ query n=%d: (%g, %g), reference (%g, %g)\n", n,
            T_F(t_part)(&qx, 0, 0), T_F(t_part)(&qx, 0, 1), T_F(t_part)(&qy, 0, 0), T_F(t_part)(&qy, 0, 1));
    T_CHECK(!memcmp(x, f.lu, sizeof(T_elem) * (size_t)lda * n), T_NAME "getri_ query n=%d: A changed\n", n);
    int optimal = (int)T_F(t_part)(&qy, 0, 0);
    T_F(invert)(&f, a, optimal > n ? optimal : n, "optimal lwork");
    T_F(invert)(&f, a, n > 1 ? n : 1, "smallest lwork");
    if (n > 1) {
        int small = n - 1;
        T_elem *wx = T_F(t_alloc)((size_t)small), *wy = T_F(t_alloc)((size_t)small);
        T_elem *y = T_F(t_dup)(f.lu, (size_t)lda * n);
        ix = iy = 7;
        T_L(getri_)(&n, x, &lda, f.ipiv, wx, &small, &ix);
        T_F(ref_getri)(&n, y, &lda, f.ipiv, wy, &small, &iy);
        T_CHECK(ix == iy && ix == -6, T_NAME "getri_ lwork=n-1=%d: info %d, reference %d\n", small, ix, iy);
        T_CHECK(!memcmp(x, f.lu, sizeof(T_elem) * (size_t)lda * n), T_NAME "getri_ lwork=n-1=%d: A changed\n", small);
        free(wx); free(wy); free(y);
    }
    free(x); free(a);
    T_F(t_free)(&f);
}

/* Factors with an exactly zero U(i, i): getri_ reports i like the reference, A untouched. */
static void T_F(getri_singular)(int n, int zero_col, uint64_t seed) {
    T_elem *a = T_F(t_rand)(n, n, n, seed);
    for (int i = 0; i < n; i++) T_F(t_set)(a, i + (size_t)zero_col * n, 0, 0);
    T_elem *lu = T_F(t_dup)(a, (size_t)n * n);
    int *ipiv = calloc((size_t)n, sizeof(int)), info = 7, ix = 7, iy = 7, lwork = 64 * n;
    T_L(getrf_)(&n, &n, lu, &n, ipiv, &info);
    T_CHECK(info > 0, T_NAME "getrf_ of a zero column: info %d\n", info);
    T_elem *x = T_F(t_dup)(lu, (size_t)n * n), *y = T_F(t_dup)(lu, (size_t)n * n);
    T_elem *wx = T_F(t_alloc)((size_t)lwork), *wy = T_F(t_alloc)((size_t)lwork);
    T_L(getri_)(&n, x, &n, ipiv, wx, &lwork, &ix);
    T_F(ref_getri)(&n, y, &n, ipiv, wy, &lwork, &iy);
    T_CHECK(ix == iy && ix == info, T_NAME "getri_ singular n=%d: info %d, reference %d, getrf_ %d\n", n, ix, iy, info);
    T_CHECK(!memcmp(x, lu, sizeof(T_elem) * (size_t)n * n), T_NAME "getri_ singular n=%d: A changed\n", n);
    free(a); free(lu); free(ipiv); free(x); free(y); free(wx); free(wy);
}

static void T_F(run)(void) {
    T_F(ref_load)();
    int sizes[] = {1, 2, 37, 130, 300};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) T_F(getri_case)(sizes[c], 600 + c);
    T_F(getri_singular)(4, 2, 620);
    T_F(getri_singular)(100, 71, 621);
    /* n = 0: nothing to do, info 0 for both. */
    int zero = 0, one = 1, ix = 7, iy = 7, ipiv = 0;
    T_elem a[1], w[1];
    T_L(getri_)(&zero, a, &one, &ipiv, w, &one, &ix);
    T_F(ref_getri)(&zero, a, &one, &ipiv, w, &one, &iy);
    T_CHECK(ix == 0 && iy == 0, T_NAME "getri_ n=0: info %d, reference %d\n", ix, iy);
}
#undef T_PREC
#endif
