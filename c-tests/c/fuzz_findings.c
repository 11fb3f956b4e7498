/* The inputs the fuzz targets found (ffi/fuzz/regressions, README "Hardening"),
 * replayed through the C ABI: strides that a view never steps by (one right-hand side
 * with ldb > 2^61, a 1 x 1 matrix with a huge lda), empty matrices with huge leading
 * dimensions, and splits of narrow matrices in buffers of exactly their size. The
 * fixes made such strides harmless; an overflow there panics in a library built with
 * overflow checks (c-tests/tests/fuzz_findings.rs links this program against one too)
 * and the panic handler aborts. */
#include "t.h"

static const double A[9] = {4, 2, 1, 1, 5, 2, 2, 1, 6}; /* column-major, A (1,2,3)^T = B */
static const double B[3] = {12, 15, 23};

static void expect(const char *what, long got, long want) {
    if (got != want) t_error("%s: info %ld, want %ld\n", what, got, want);
}

/* c_abi/dgetrs_64-huge-ldb-one-rhs (laswp overflowed col_stride * 8 there):
 * one right-hand side, ldb far past the data. */
static void huge_ldb_one_rhs(void) {
    const int64_t ldbs[] = {(1LL << 61) + 1, 1LL << 62, INT64_MAX};
    for (size_t k = 0; k < sizeof ldbs / sizeof ldbs[0]; k++)
        for (int t = 0; t < 2; t++) {
            int64_t n = 3, one = 1, ldb = ldbs[k], info = 7, ipiv[3];
            double a[9], b[3];
            memcpy(a, A, sizeof a);
            dgetrf_64_(&n, &n, a, &n, ipiv, &info);
            expect("dgetrf_64_ 3x3", info, 0);
            /* A^T y = A^T (1,2,3) = c: solve with trans T for that right-hand side. */
            for (int i = 0; i < 3; i++) b[i] = t ? A[3 * i] * 1 + A[3 * i + 1] * 2 + A[3 * i + 2] * 3 : B[i];
            info = 7;
            (t ? forklu_dgetrs_64_ : dgetrs_64_)(t ? "T" : "N", &n, &one, a, &n, ipiv, b, &ldb, &info);
            expect("dgetrs_64_ nrhs 1, huge ldb", info, 0);
            if (fabs(b[0] - 1) > 1e-12 || fabs(b[1] - 2) > 1e-12 || fabs(b[2] - 3) > 1e-12)
                t_error("dgetrs_64_ %s ldb %lld: x = (%g, %g, %g)\n", t ? "T" : "N", (long long)ldb, b[0], b[1], b[2]);
            memcpy(a, A, sizeof a);
            memcpy(b, B, sizeof b);
            info = 7;
            dgesv_64_(&n, &one, a, &n, ipiv, b, &ldb, &info);
            expect("dgesv_64_ nrhs 1, huge ldb", info, 0);
            if (fabs(b[0] - 1) > 1e-12 || fabs(b[1] - 2) > 1e-12 || fabs(b[2] - 3) > 1e-12)
                t_error("dgesv_64_ ldb %lld: x = (%g, %g, %g)\n", (long long)ldb, b[0], b[1], b[2]);
        }
}

/* rust_api laswp-huge-unused-stride-overflow: getri (and the others) on 1 x 1 with a
 * huge leading dimension, column- and row-major. */
static void one_by_one_huge_lda(void) {
    const int64_t ldas[] = {1LL << 62, INT64_MAX};
    for (size_t k = 0; k < sizeof ldas / sizeof ldas[0]; k++) {
        int64_t n = 1, lda = ldas[k], info = 7, ipiv[1], lw = 1;
        double a[1] = {4}, w[1], b[1] = {8};
        dgetrf_64_(&n, &n, a, &lda, ipiv, &info);
        expect("dgetrf_64_ 1x1 huge lda", info, 0);
        if (ipiv[0] != 1 || a[0] != 4) t_error("dgetrf_64_ 1x1: ipiv %lld, a %g\n", (long long)ipiv[0], a[0]);
        info = 7;
        dgetrs_64_("N", &n, &n, a, &lda, ipiv, b, &lda, &info);
        expect("dgetrs_64_ 1x1 huge lda and ldb", info, 0);
        if (b[0] != 2) t_error("dgetrs_64_ 1x1: x = %g\n", b[0]);
        info = 7;
        dgetri_64_(&n, a, &lda, ipiv, w, &lw, &info);
        expect("dgetri_64_ 1x1 huge lda", info, 0);
        if (a[0] != 0.25) t_error("dgetri_64_ 1x1: inverse %g\n", a[0]);
    }
    for (int layout = FORKLU_ROW_MAJOR; layout <= FORKLU_COL_MAJOR; layout++) {
        double a[1] = {4}, w[1];
        int ipiv[1];
        expect("forklu_dgetrf 1x1 lda INT_MAX", forklu_dgetrf(layout, 1, 1, a, 2147483647, ipiv), 0);
        expect("forklu_dgetri 1x1 lda INT_MAX", forklu_dgetri(layout, 1, a, 2147483647, ipiv, w, 1), 0);
        if (a[0] != 0.25) t_error("forklu_dgetri layout %d 1x1: inverse %g\n", layout, a[0]);
    }
    /* One row, row-major: the row stride is never stepped by. */
    double r[3] = {2, 1, 1};
    int ipiv[1];
    expect("forklu_dgetrf row-major 1x3 lda INT_MAX", forklu_dgetrf(FORKLU_ROW_MAJOR, 1, 3, r, 2147483647, ipiv), 0);
    if (ipiv[0] != 1 || r[0] != 2 || r[1] != 1 || r[2] != 1) t_error("forklu_dgetrf row-major 1x3: changed\n");
    /* A column-major 1 x 3 with lda 2^61 spans 2^62 + 1 doubles: past the address
     * space, so a bad leading dimension (nothing read or written). */
    int64_t m = 1, n3 = 3, big = 1LL << 61, info = 7, p3[1];
    dgetrf_64_(&m, &n3, r, &big, p3, &info);
    expect("dgetrf_64_ 1x3 lda 2^61", info, -4);
}

/* rust_api col-empty-view-offset-overflow: empty matrices with huge leading dimensions. */
static void empty_with_huge_ld(void) {
    int64_t zero = 0, five = 5, two = 2, huge = 1LL << 62, info = 7, ipiv[2];
    double a[4] = {2, 1, 1, 3}, b[1] = {-3};
    dgetrf_64_(&zero, &five, NULL, &huge, NULL, &info);
    expect("dgetrf_64_ 0x5 huge lda", info, 0);
    info = 7;
    dgesv_64_(&two, &zero, a, &two, ipiv, b, &huge, &info);
    expect("dgesv_64_ nrhs 0 huge ldb", info, 0);
    if (b[0] != -3) t_error("dgesv_64_ nrhs 0 wrote b\n");
    info = 7;
    dgetrs_64_("N", &two, &zero, a, &two, ipiv, b, &huge, &info);
    expect("dgetrs_64_ nrhs 0 huge ldb", info, 0);
    int ip[2];
    expect("forklu_dgesv row-major nrhs 0 ldb INT_MAX",
           forklu_dgesv(FORKLU_ROW_MAJOR, 2, 0, a, 2, ip, b, 2147483647), 0);
    if (b[0] != -3) t_error("forklu_dgesv nrhs 0 wrote b\n");
}

/* rust_api split-empty-view-pointer-past-slice: the recursion splits narrow matrices
 * down to empty parts; each in a buffer of exactly its size. */
static void narrow_shapes_exact_buffers(void) {
    const int shapes[][2] = {{1, 1}, {2, 1}, {1, 2}, {7, 1}, {1, 7}, {9, 3}, {3, 9}, {17, 2}, {2, 17}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        int m = shapes[s][0], n = shapes[s][1];
        double *a = t_random(m, n, m, 50 + s);
        t_lu f = t_factor("narrow shape", a, m, n, m);
        t_free(&f);
        free(a);
    }
}

int main(void) {
    huge_ldb_one_rhs();
    one_by_one_huge_lda();
    empty_with_huge_ld();
    narrow_shapes_exact_buffers();
    return t_status;
}
