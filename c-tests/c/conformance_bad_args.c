/* Bad arguments to every routine in every precision (s, d, c, z): the LP64 name returns
 * the negative info reference LAPACK 3.11 reports (whose xerbla_ this program
 * intercepts), the ILP64 and forklu_-prefixed names return the same, the LAPACKE-style
 * name in column-major order the same shifted by one for its layout argument, and none
 * of them touches A or B. Row-major leading dimensions and unknown layouts get LAPACKE's
 * info. Written once for the four precisions (t_prec.h); an argument such as "cz"
 * runs only those. */
#ifndef T_PREC
#include "t_ref.h"

/* LAPACKE's info for LAPACK's: one more argument (the layout) in front. */
static int lapacke_info(int lapack) { return lapack < 0 ? lapack - 1 : lapack; }

#define T_SELF "conformance_bad_args.c"
#include "t_each.h"

int main(int argc, char **argv) {
    t_select(argc, argv, 1);
    t_ref_open();
    T_RUN_SELECTED();
    t_report("conformance_bad_args");
    if (t_xerbla_calls == 0) t_error("no bad-argument case reached the reference's xerbla_\n");
    printf("conformance_bad_args: %d reference xerbla_ calls intercepted\n", t_xerbla_calls);
    return t_status;
}
#else
#include "t_prec.h"
#include "t_ref.h"

/* A and B of 16 elements, with their originals to check they were left alone. */
typedef struct { T_elem a[16], b[16], w[16], a0[16], b0[16]; int ipiv[4]; } T_F(bufs);

static void T_F(fill)(T_F(bufs) *s) {
    for (size_t i = 0; i < 16; i++) {
        T_F(t_set)(s->a, i, 1.0 + (double)((i * 7) % 5), 0.5 * (double)(i % 3));
        T_F(t_set)(s->b, i, 2.0 - (double)i / 8, 0.25);
    }
    memcpy(s->a0, s->a, sizeof s->a);
    memcpy(s->b0, s->b, sizeof s->b);
    for (int i = 0; i < 4; i++) s->ipiv[i] = i + 1;
}

/* forklu's call left A and B alone. */
#define UNTOUCHED(s, what, c) \
    T_CHECK(!memcmp((s).a, (s).a0, sizeof (s).a) && !memcmp((s).b, (s).b0, sizeof (s).b), "%s bad case %zu: A or B written\n", what, c)

static void T_F(getrf_cases)(void) {
    struct { int m, n, lda; } cs[] = {{-1, 2, 2}, {2, -1, 2}, {3, 2, 2}, {0, 0, 0}, {2, 0, 1}, {-1, -1, 0}, {0, 3, 1}};
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        T_F(bufs) s;
        T_F(fill)(&s);
        int m = cs[c].m, n = cs[c].n, lda = cs[c].lda, ix = 7, iy = 7, ip = 7;
        int64_t m64 = m, n64 = n, lda64 = lda, i64 = 7, ip64 = 7, ipiv64[4] = {1, 2, 3, 4};
        T_L(getrf_)(&m, &n, s.a, &lda, s.ipiv, &ix);
        UNTOUCHED(s, T_NAME "getrf_", c);
        T_F(ref_getrf)(&m, &n, s.a0, &lda, s.ipiv, &iy);
        T_CHECK(ix == iy, T_NAME "getrf_ bad case %zu: info %d, reference %d\n", c, ix, iy);
        T_F(fill)(&s);
        T_L(getrf_64_)(&m64, &n64, s.a, &lda64, ipiv64, &i64);
        T_CHECK(i64 == ix, T_NAME "getrf_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)i64, ix);
        T_P(getrf_)(&m, &n, s.a, &lda, s.ipiv, &ip);
        T_CHECK(ip == ix, "forklu_" T_NAME "getrf_ bad case %zu: info %d, LP64 %d\n", c, ip, ix);
        T_P(getrf_64_)(&m64, &n64, s.a, &lda64, ipiv64, &ip64);
        T_CHECK(ip64 == ix, "forklu_" T_NAME "getrf_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)ip64, ix);
        int ie = T_P(getrf)(FORKLU_COL_MAJOR, m, n, s.a, lda, s.ipiv);
        T_CHECK(ie == lapacke_info(ix), "forklu_" T_NAME "getrf bad case %zu: info %d, LP64 %d\n", c, ie, ix);
        UNTOUCHED(s, "every " T_NAME "getrf", c);
    }
}

static void T_F(getrs_cases)(void) {
    struct { char t; int n, nrhs, lda, ldb; } cs[] = {{'X', 2, 1, 2, 2}, {'N', -1, 1, 2, 2}, {'T', 2, -1, 2, 2}, {'C', 2, 1, 1, 2},
                                                     {'N', 2, 1, 2, 1},  {'n', 0, 1, 1, 1},  {'\0', 2, 1, 2, 2}, {'c', -1, -1, 0, 0},
                                                     {'t', 2, 3, 2, 2}};
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        T_F(bufs) s;
        T_F(fill)(&s);
        int n = cs[c].n, nrhs = cs[c].nrhs, lda = cs[c].lda, ldb = cs[c].ldb, ix = 7, iy = 7, ip = 7;
        int64_t n64 = n, nrhs64 = nrhs, lda64 = lda, ldb64 = ldb, i64 = 7, ip64 = 7, ipiv64[4] = {1, 2, 3, 4};
        int bad = c != 5 && c != 8;
        T_L(getrs_)(&cs[c].t, &n, &nrhs, s.a, &lda, s.ipiv, s.b, &ldb, &ix);
        if (bad) UNTOUCHED(s, T_NAME "getrs_", c);
        T_F(ref_getrs)(&cs[c].t, &n, &nrhs, s.a0, &lda, s.ipiv, s.b0, &ldb, &iy, 1);
        T_CHECK(ix == iy, T_NAME "getrs_ bad case %zu: info %d, reference %d\n", c, ix, iy);
        T_F(fill)(&s);
        T_L(getrs_64_)(&cs[c].t, &n64, &nrhs64, s.a, &lda64, ipiv64, s.b, &ldb64, &i64);
        T_CHECK(i64 == ix, T_NAME "getrs_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)i64, ix);
        T_P(getrs_)(&cs[c].t, &n, &nrhs, s.a, &lda, s.ipiv, s.b, &ldb, &ip);
        T_CHECK(ip == ix, "forklu_" T_NAME "getrs_ bad case %zu: info %d, LP64 %d\n", c, ip, ix);
        T_P(getrs_64_)(&cs[c].t, &n64, &nrhs64, s.a, &lda64, ipiv64, s.b, &ldb64, &ip64);
        T_CHECK(ip64 == ix, "forklu_" T_NAME "getrs_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)ip64, ix);
        int ie = T_P(getrs)(FORKLU_COL_MAJOR, cs[c].t, n, nrhs, s.a, lda, s.ipiv, s.b, ldb);
        T_CHECK(ie == lapacke_info(ix), "forklu_" T_NAME "getrs bad case %zu: info %d, LP64 %d\n", c, ie, ix);
        if (bad) UNTOUCHED(s, "every " T_NAME "getrs", c);
    }
}

static void T_F(gesv_cases)(void) {
    struct { int n, nrhs, lda, ldb; } cs[] = {{-1, 1, 1, 1}, {2, -1, 2, 2}, {2, 1, 1, 2}, {2, 1, 2, 1}, {0, 3, 1, 1}, {-1, -1, 0, 0}};
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        T_F(bufs) s;
        T_F(fill)(&s);
        int n = cs[c].n, nrhs = cs[c].nrhs, lda = cs[c].lda, ldb = cs[c].ldb, ix = 7, iy = 7, ip = 7;
        int64_t n64 = n, nrhs64 = nrhs, lda64 = lda, ldb64 = ldb, i64 = 7, ip64 = 7, ipiv64[4] = {1, 2, 3, 4};
        T_L(gesv_)(&n, &nrhs, s.a, &lda, s.ipiv, s.b, &ldb, &ix);
        UNTOUCHED(s, T_NAME "gesv_", c);
        T_F(ref_gesv)(&n, &nrhs, s.a0, &lda, s.ipiv, s.b0, &ldb, &iy);
        T_CHECK(ix == iy, T_NAME "gesv_ bad case %zu: info %d, reference %d\n", c, ix, iy);
        T_F(fill)(&s);
        T_L(gesv_64_)(&n64, &nrhs64, s.a, &lda64, ipiv64, s.b, &ldb64, &i64);
        T_CHECK(i64 == ix, T_NAME "gesv_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)i64, ix);
        T_P(gesv_)(&n, &nrhs, s.a, &lda, s.ipiv, s.b, &ldb, &ip);
        T_CHECK(ip == ix, "forklu_" T_NAME "gesv_ bad case %zu: info %d, LP64 %d\n", c, ip, ix);
        T_P(gesv_64_)(&n64, &nrhs64, s.a, &lda64, ipiv64, s.b, &ldb64, &ip64);
        T_CHECK(ip64 == ix, "forklu_" T_NAME "gesv_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)ip64, ix);
        int ie = T_P(gesv)(FORKLU_COL_MAJOR, n, nrhs, s.a, lda, s.ipiv, s.b, ldb);
        T_CHECK(ie == lapacke_info(ix), "forklu_" T_NAME "gesv bad case %zu: info %d, LP64 %d\n", c, ie, ix);
        UNTOUCHED(s, "every " T_NAME "gesv", c);
    }
}

static void T_F(getri_cases)(void) {
    struct { int n, lda, lwork; } cs[] = {{-1, 1, 1}, {3, 2, 3}, {3, 3, 2}, {0, 1, 1}, {3, 3, -1}, {-1, 0, 0}, {3, 3, 0}};
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        T_F(bufs) s;
        T_F(fill)(&s);
        int n = cs[c].n, lda = cs[c].lda, lwork = cs[c].lwork, ix = 7, iy = 7, ip = 7;
        int64_t n64 = n, lda64 = lda, lwork64 = lwork, i64 = 7, ip64 = 7, ipiv64[4] = {1, 2, 3, 4};
        T_L(getri_)(&n, s.a, &lda, s.ipiv, s.w, &lwork, &ix);
        UNTOUCHED(s, T_NAME "getri_", c);
        T_F(ref_getri)(&n, s.a0, &lda, s.ipiv, s.w, &lwork, &iy);
        T_CHECK(ix == iy, T_NAME "getri_ bad case %zu: info %d, reference %d\n", c, ix, iy);
        T_F(fill)(&s);
        T_L(getri_64_)(&n64, s.a, &lda64, ipiv64, s.w, &lwork64, &i64);
        T_CHECK(i64 == ix, T_NAME "getri_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)i64, ix);
        T_P(getri_)(&n, s.a, &lda, s.ipiv, s.w, &lwork, &ip);
        T_CHECK(ip == ix, "forklu_" T_NAME "getri_ bad case %zu: info %d, LP64 %d\n", c, ip, ix);
        T_P(getri_64_)(&n64, s.a, &lda64, ipiv64, s.w, &lwork64, &ip64);
        T_CHECK(ip64 == ix, "forklu_" T_NAME "getri_64_ bad case %zu: info %lld, LP64 %d\n", c, (long long)ip64, ix);
        int ie = T_P(getri)(FORKLU_COL_MAJOR, n, s.a, lda, s.ipiv, s.w, lwork);
        T_CHECK(ie == lapacke_info(ix), "forklu_" T_NAME "getri bad case %zu: info %d, LP64 %d\n", c, ie, ix);
        UNTOUCHED(s, "every " T_NAME "getri", c);
    }
}

/* Row-major leading dimensions (at least the number of columns) and unknown layouts. */
static void T_F(layout_cases)(void) {
    T_F(bufs) s;
    T_F(fill)(&s);
    int ie;
    ie = T_P(getrf)(FORKLU_ROW_MAJOR, 2, 3, s.a, 2, s.ipiv);
    T_CHECK(ie == -5, "forklu_" T_NAME "getrf row-major lda 2 < n 3: info %d, LAPACKE -5\n", ie);
    ie = T_P(getrs)(FORKLU_ROW_MAJOR, 'N', 3, 2, s.a, 3, s.ipiv, s.b, 1);
    T_CHECK(ie == -9, "forklu_" T_NAME "getrs row-major ldb 1 < nrhs 2: info %d, LAPACKE -9\n", ie);
    ie = T_P(getrs)(FORKLU_ROW_MAJOR, 'C', 3, 1, s.a, 2, s.ipiv, s.b, 1);
    T_CHECK(ie == -6, "forklu_" T_NAME "getrs row-major lda 2 < n 3: info %d, LAPACKE -6\n", ie);
    ie = T_P(gesv)(FORKLU_ROW_MAJOR, 3, 4, s.a, 3, s.ipiv, s.b, 3);
    T_CHECK(ie == -8, "forklu_" T_NAME "gesv row-major ldb 3 < nrhs 4: info %d, LAPACKE -8\n", ie);
    ie = T_P(getri)(FORKLU_ROW_MAJOR, 3, s.a, 2, s.ipiv, s.w, 3);
    T_CHECK(ie == -4, "forklu_" T_NAME "getri row-major lda 2 < n 3: info %d, LAPACKE -4\n", ie);
    int layouts[] = {0, 100, 103, -1};
    for (size_t l = 0; l < sizeof layouts / sizeof layouts[0]; l++) {
        int lay = layouts[l];
        T_CHECK(T_P(getrf)(lay, 2, 2, s.a, 2, s.ipiv) == -1, "forklu_" T_NAME "getrf layout %d not rejected with -1\n", lay);
        T_CHECK(T_P(getrs)(lay, 'N', 2, 1, s.a, 2, s.ipiv, s.b, 2) == -1, "forklu_" T_NAME "getrs layout %d not rejected\n", lay);
        T_CHECK(T_P(gesv)(lay, 2, 1, s.a, 2, s.ipiv, s.b, 2) == -1, "forklu_" T_NAME "gesv layout %d not rejected\n", lay);
        T_CHECK(T_P(getri)(lay, 2, s.a, 2, s.ipiv, s.w, 2) == -1, "forklu_" T_NAME "getri layout %d not rejected\n", lay);
    }
    T_CHECK(!memcmp(s.a, s.a0, sizeof s.a) && !memcmp(s.b, s.b0, sizeof s.b), T_NAME " layout cases: A or B written\n");
}

static void T_F(run)(void) {
    T_F(ref_load)();
    T_F(getrf_cases)();
    T_F(getrs_cases)();
    T_F(gesv_cases)();
    T_F(getri_cases)();
    T_F(layout_cases)();
}
#undef T_PREC
#endif
