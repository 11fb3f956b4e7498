/* NaN, Inf and -Inf where they matter, in every precision (s, d, c, z): at the first
 * pivot, through a whole column, everywhere, after an exactly zero column, at one entry
 * inside; in the real or the imaginary part for complex; at sizes that reach the
 * unblocked, recursive and parallel paths. Every routine returns (the runner's watchdog
 * catches a hang) with the info reference LAPACK 3.11 reports. A pivot that is NaN is
 * not zero, so LAPACK reports no singularity for it; only exact zeros count. Written
 * once for the four precisions (t_prec.h); an argument such as "cz" runs only those. */
#ifndef T_PREC
#include "t_ref.h"

#define T_SELF "conformance_nan_inf.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    t_ref_open();
    T_RUN_SELECTED();
    t_report("conformance_nan_inf");
    return t_status;
}
#else
#include "t_prec.h"
#include "t_ref.h"

/* Puts v into part `part` (0 real, 1 imaginary; the real part for reals) of a[at]. */
static void T_F(poison)(T_elem *a, size_t at, double v, int part) {
    T_F(t_set)(a, at, part && T_NR == 2 ? T_F(t_part)(a, at, 0) : v, part && T_NR == 2 ? v : T_F(t_part)(a, at, 1));
}

static void T_F(run)(void) {
    T_F(ref_load)();
    const double bad[] = {nan(""), INFINITY, -INFINITY};
    const char *names[] = {"NaN", "Inf", "-Inf"};
    int sizes[][2] = {{5, 5}, {60, 60}, {130, 130}, {90, 40}, {40, 90}};
    for (size_t v = 0; v < 3; v++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            for (int place = 0; place < 5; place++) {
                int m = sizes[z][0], n = sizes[z][1], k = m < n ? m : n, part = T_NR == 2 ? (int)(place + v) % 2 : 0;
                T_elem *a = T_F(t_rand)(m, n, m, 700 + z * 8 + (size_t)place);
                if (place == 0) T_F(poison)(a, 0, bad[v], part); /* first pivot */
                if (place == 1)                                  /* a column */
                    for (int i = 0; i < m; i++) T_F(poison)(a, i + (size_t)(k / 2) * m, bad[v], part);
                if (place == 2) /* everywhere */
                    for (size_t i = 0; i < (size_t)m * n; i++) T_F(poison)(a, i, bad[v], part);
                if (place == 3) { /* a zero column, then the value */
                    for (int i = 0; i < m; i++) T_F(t_set)(a, i + (size_t)(k / 3) * m, 0, 0);
                    T_F(poison)(a, (m - 1) + (size_t)(n - 1) * m, bad[v], part);
                }
                if (place == 4) T_F(poison)(a, (m / 2) + (size_t)(k / 2) * m, bad[v], part); /* one entry inside */
                char what[64];
                snprintf(what, sizeof what, "%s (%s part) at place %d", names[v], part ? "imaginary" : "real", place);
                int ix = 7, iy = 7;
                T_elem *x = T_F(t_dup)(a, (size_t)m * n), *y = T_F(t_dup)(a, (size_t)m * n);
                int *px = calloc((size_t)k, sizeof(int)), *py = calloc((size_t)k, sizeof(int));
                T_L(getrf_)(&m, &n, x, &m, px, &ix);
                T_F(ref_getrf)(&m, &n, y, &m, py, &iy);
                T_CHECK(ix == iy, T_NAME "getrf_ %s %dx%d: info %d, reference %d\n", what, m, n, ix, iy);
                free(x); free(y); free(px); free(py);
                if (m == n) {
                    /* gesv_, then getri_ on its factors, then getrs_ with a bad right-hand side. */
                    int nrhs = 2, lw = 64 * n;
                    T_elem *ax = T_F(t_dup)(a, (size_t)n * n), *ay = T_F(t_dup)(a, (size_t)n * n);
                    T_elem *bx = T_F(t_rand)(n, nrhs, n, 9), *by = T_F(t_dup)(bx, (size_t)n * nrhs);
                    px = calloc((size_t)n, sizeof(int));
                    py = calloc((size_t)n, sizeof(int));
                    ix = iy = 7;
                    T_L(gesv_)(&n, &nrhs, ax, &n, px, bx, &n, &ix);
                    T_F(ref_gesv)(&n, &nrhs, ay, &n, py, by, &n, &iy);
                    T_CHECK(ix == iy, T_NAME "gesv_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    T_elem *wx = T_F(t_alloc)((size_t)lw), *wy = T_F(t_alloc)((size_t)lw);
                    if (ix == 0 && iy == 0) {
                        ix = iy = 7;
                        T_L(getri_)(&n, ax, &n, px, wx, &lw, &ix);
                        T_F(ref_getri)(&n, ay, &n, py, wy, &lw, &iy);
                        T_CHECK(ix == iy, T_NAME "getri_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    }
                    T_elem *fin = T_F(t_rand)(n, n, n, 11);
                    T_F(t_lu) f = T_F(t_factor)("finite factors", fin, n, n, n);
                    free(fin);
                    T_F(poison)(bx, 0, bad[v], part);
                    T_F(poison)(by, 0, bad[v], part);
                    ix = iy = 7;
                    T_L(getrs_)("N", &n, &nrhs, f.lu, &n, f.ipiv, bx, &n, &ix);
                    T_F(ref_getrs)("N", &n, &nrhs, f.lu, &n, f.ipiv, by, &n, &iy, 1);
                    T_CHECK(ix == iy, T_NAME "getrs_ %s n=%d: info %d, reference %d\n", what, n, ix, iy);
                    free(ax); free(ay); free(bx); free(by); free(px); free(py); free(wx); free(wy);
                    T_F(t_free)(&f);
                }
                free(a);
            }
}
#undef T_PREC
#endif
