/* getrf_ in every precision (s, d, c, z) against reference LAPACK 3.11's: random square,
 * rectangular and padded matrices get the same info and pivots, factors equal to the
 * precision's rounding and untouched padding rows; empty matrices, exactly singular
 * ones (a zero column, a repeated column, zero, rank one) get the same info; and small
 * matrices built so that complex pivoting must follow izamax (the first largest
 * |re| + |im|, not the largest modulus) get the same pivots. Written once for the four
 * precisions (t_prec.h); an argument such as "cz" runs only those. */
#ifndef T_PREC
#include "t_ref.h"

/* Factors of the two libraries may differ by this many max(m, n) eps, relative to the
 * largest entry (at most 1.0 measured over the three kernels). */
#define FACTOR_TOL 8.0

#define T_SELF "conformance_getrf.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    t_ref_open();
    T_RUN_SELECTED();
    t_report("conformance_getrf");
    return t_status;
}
#else
#include "t_prec.h"
#include "t_ref.h"

/* getrf_ on a copy of a by forklu and by the reference: the same info, padding rows
 * untouched; with same_factors, the same pivots and factors to rounding too. */
static void T_F(compare)(const char *what, const T_elem *a, int m, int n, int lda, int same_factors) {
    size_t len = (size_t)lda * (size_t)(n > 0 ? n : 1);
    int k = m < n ? m : n;
    T_elem *x = T_F(t_dup)(a, len), *y = T_F(t_dup)(a, len);
    int *px = calloc((size_t)k + 1, sizeof(int)), *py = calloc((size_t)k + 1, sizeof(int));
    int ix = 7, iy = 7;
    T_L(getrf_)(&m, &n, x, &lda, px, &ix);
    T_F(ref_getrf)(&m, &n, y, &lda, py, &iy);
    T_CHECK(ix == iy, "%s " T_NAME "getrf_ %dx%d: info %d, reference %d\n", what, m, n, ix, iy);
    T_CHECK(T_F(t_padding_same)(x, a, m, n, lda), "%s " T_NAME "getrf_ %dx%d lda %d: padding rows written\n", what, m, n, lda);
    if (same_factors) {
        int first = -1;
        for (int i = 0; i < k && first < 0; i++)
            if (px[i] != py[i]) first = i;
        T_CHECK(first < 0, "%s " T_NAME "getrf_ %dx%d: pivots differ first at %d (%d, reference %d)\n", what, m, n, first + 1,
                first < 0 ? 0 : px[first], first < 0 ? 0 : py[first]);
        double d = T_F(t_rel_diff)(x, y, m, n, lda), tol = FACTOR_TOL * (m > n ? m : n) * T_EPS;
        T_CHECK(d <= tol, "%s " T_NAME "getrf_ %dx%d: factors differ by %g relative (allowed %g)\n", what, m, n, d, tol);
    }
    free(x); free(y); free(px); free(py);
}

/* One column of small handmade matrices whose pivots only izamax's |re| + |im| picks:
 * each column's first largest |re| + |im| is not its largest modulus (complex) or is
 * tied with a later entry. */
static void T_F(izamax_cases)(void) {
    /* (re, im) per entry; 3 x 1 columns. */
    static const double cols[][3][2] = {
        {{3, 0}, {2, 2}, {0, 1}},     /* |re|+|im| 3, 4, 1: row 2 (modulus picks row 1) */
        {{1, 1}, {-2, 0}, {0, -2}},   /* all 2: the first, row 1 */
        {{0, 0.5}, {0, -1}, {1, 0}},  /* 0.5, 1, 1: row 2 (a tie, the first) */
        {{-1, -3}, {3.5, 0}, {2, 2}}, /* 4, 3.5, 4: row 1 (modulus picks row 2) */
    };
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        T_elem a[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                T_F(t_set)(a, (size_t)i + 3 * (size_t)j, j == 0 ? cols[c][i][0] : (double)((i + 2 * j) % 3) - 0.5,
                           j == 0 ? cols[c][i][1] : 0.25 * j);
        char what[32];
        snprintf(what, sizeof what, "izamax case %zu", c);
        T_F(compare)(what, a, 3, 3, 3, 1);
        T_F(compare)(what, a, 3, 1, 3, 1);
    }
}

static void T_F(run)(void) {
    T_F(ref_load)();
    int sq[] = {1, 2, 3, 5, 17, 63, 64, 65, 130, 300, 520};
    for (size_t i = 0; i < sizeof sq / sizeof sq[0]; i++) {
        T_elem *a = T_F(t_rand)(sq[i], sq[i], sq[i] + 3, 100 + i);
        T_F(compare)("random padded", a, sq[i], sq[i], sq[i] + 3, 1);
        free(a);
    }
    int rect[][3] = {{50, 30, 50}, {30, 50, 33}, {200, 7, 200}, {7, 200, 9}, {1, 40, 1}, {40, 1, 41}, {257, 129, 257}, {129, 257, 130}, {1000, 260, 1003}};
    for (size_t i = 0; i < sizeof rect / sizeof rect[0]; i++) {
        T_elem *a = T_F(t_rand)(rect[i][0], rect[i][1], rect[i][2], 200 + i);
        T_F(compare)("rectangular", a, rect[i][0], rect[i][1], rect[i][2], 1);
        free(a);
    }
    int empty[][3] = {{0, 0, 1}, {0, 5, 1}, {5, 0, 5}};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        T_elem *a = T_F(t_rand)(empty[i][0], empty[i][1], empty[i][2], 250 + i);
        T_F(compare)("empty", a, empty[i][0], empty[i][1], empty[i][2], 1);
        free(a);
    }
    /* Exactly singular: a zero column, a repeated column, the zero matrix, rank one. */
    for (int n = 4; n <= 120; n += 58) {
        T_elem *a = T_F(t_rand)(n, n, n + 1, 300 + n);
        for (int i = 0; i < n; i++) T_F(t_set)(a, i + (size_t)(n / 2) * (n + 1), 0, 0);
        T_F(compare)("zero column", a, n, n, n + 1, 1);
        for (int i = 0; i < n; i++) memcpy(&a[i + (size_t)(n / 3) * (n + 1)], &a[i], sizeof(T_elem));
        T_F(compare)("repeated column", a, n, n, n + 1, 0);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) T_F(t_set)(a, i + (size_t)j * (n + 1), (double)((i % 7) + 1) * (j + 1), (double)(i % 3) * (j + 1));
        T_F(compare)("rank one", a, n, n, n + 1, 0);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) T_F(t_set)(a, i + (size_t)j * (n + 1), 0, 0);
        T_F(compare)("zero matrix", a, n, n, n + 1, 1);
        free(a);
    }
    T_elem *a = T_F(t_rand)(90, 40, 90, 350);
    for (int i = 0; i < 90; i++) T_F(t_set)(a, i + (size_t)25 * 90, 0, 0);
    T_F(compare)("zero column, tall", a, 90, 40, 90, 1);
    free(a);
    a = T_F(t_rand)(40, 90, 40, 351);
    for (int i = 0; i < 40; i++) T_F(t_set)(a, i + (size_t)25 * 40, 0, 0);
    T_F(compare)("zero column, wide", a, 40, 90, 40, 1);
    free(a);
    T_F(izamax_cases)();
}
#undef T_PREC
#endif
