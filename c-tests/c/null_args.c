/* NULL pointers and unknown layouts are argument errors, never crashes: each entry
 * point returns (or stores) -i for the i-th argument, counting the layout as the
 * first in the LAPACKE-style API, and touches nothing. Positions are LAPACKE's. */
#include "t.h"

static void expect(const char *what, long got, long want) {
    if (got != want) t_error("%s: info %ld, want %ld\n", what, got, want);
}

int main(void) {
    double a[16], b[8], w[16];
    int ip[4] = {1, 2, 3, 4};
    for (int i = 0; i < 16; i++) a[i] = w[i] = i == 0 || i == 5 || i == 10 || i == 15 ? 4 : 1;
    for (int i = 0; i < 8; i++) b[i] = 1;
    const double a0 = a[0];
    const int R = FORKLU_ROW_MAJOR, C = FORKLU_COL_MAJOR;

    for (int layout = R; layout <= C; layout++) {
        expect("dgetrf a", forklu_dgetrf(layout, 4, 4, NULL, 4, ip), -4);
        expect("dgetrf ipiv", forklu_dgetrf(layout, 4, 4, a, 4, NULL), -6);
        expect("dgetrs a", forklu_dgetrs(layout, 'N', 4, 2, NULL, 4, ip, b, layout == R ? 2 : 4), -5);
        expect("dgetrs ipiv", forklu_dgetrs(layout, 'N', 4, 2, a, 4, NULL, b, layout == R ? 2 : 4), -7);
        expect("dgetrs b", forklu_dgetrs(layout, 'N', 4, 2, a, 4, ip, NULL, layout == R ? 2 : 4), -8);
        expect("dgesv a", forklu_dgesv(layout, 4, 2, NULL, 4, ip, b, layout == R ? 2 : 4), -4);
        expect("dgesv ipiv", forklu_dgesv(layout, 4, 2, a, 4, NULL, b, layout == R ? 2 : 4), -6);
        expect("dgesv b", forklu_dgesv(layout, 4, 2, a, 4, ip, NULL, layout == R ? 2 : 4), -7);
        expect("dgetri a", forklu_dgetri(layout, 4, NULL, 4, ip, w, 16), -3);
        expect("dgetri ipiv", forklu_dgetri(layout, 4, a, 4, NULL, w, 16), -5);
        expect("dgetri work", forklu_dgetri(layout, 4, a, 4, ip, NULL, 16), -6);
        expect("dgetri work query", forklu_dgetri(layout, 4, a, 4, ip, NULL, -1), -6);
    }
    /* Nothing to do, nothing read: NULL is fine for empty matrices, as in LAPACK. */
    expect("dgetrf 0x0", forklu_dgetrf(C, 0, 0, NULL, 1, NULL), 0);
    expect("dgesv n=0", forklu_dgesv(C, 0, 3, NULL, 1, NULL, NULL, 1), 0);

    for (int layout = -1; layout <= 200; layout += 67) { /* -1, 66, 133, 200: none valid */
        expect("dgetrf layout", forklu_dgetrf(layout, 4, 4, a, 4, ip), -1);
        expect("dgetrs layout", forklu_dgetrs(layout, 'N', 4, 2, a, 4, ip, b, 4), -1);
        expect("dgesv layout", forklu_dgesv(layout, 4, 2, a, 4, ip, b, 4), -1);
        expect("dgetri layout", forklu_dgetri(layout, 4, a, 4, ip, w, 16), -1);
    }

    /* Fortran ABI: a NULL scalar pointer is the bad argument at its position; a NULL
     * info pointer is simply not written. */
    int four = 4, two = 2, info = 7;
    dgetrf_(NULL, &four, a, &four, ip, &info); expect("dgetrf_ m", info, -1);
    dgetrf_(&four, &four, NULL, &four, ip, &info); expect("dgetrf_ a", info, -3);
    dgetrf_(&four, &four, a, &four, NULL, &info); expect("dgetrf_ ipiv", info, -5);
    dgetrs_(NULL, &four, &two, a, &four, ip, b, &four, &info); expect("dgetrs_ trans", info, -1);
    dgetrs_("N", &four, &two, a, &four, ip, NULL, &four, &info); expect("dgetrs_ b", info, -7);
    dgesv_(&four, NULL, a, &four, ip, b, &four, &info); expect("dgesv_ nrhs", info, -2);
    dgetri_(&four, a, &four, ip, w, NULL, &info); expect("dgetri_ lwork", info, -6);
    int64_t f64 = 4, i64 = 7, p64[4] = {1, 2, 3, 4};
    dgetrf_64_(&f64, &f64, NULL, &f64, p64, &i64); expect("dgetrf_64_ a", (long)i64, -3);
    dgetrf_(&four, &four, NULL, &four, ip, NULL);

    if (a[0] != a0 || b[0] != 1 || ip[0] != 1) t_error("a rejected call wrote to its arguments\n");
    return t_status;
}
