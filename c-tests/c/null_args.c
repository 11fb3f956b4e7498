/* NULL pointers and unknown layouts are argument errors, never crashes: each entry
 * point returns (or stores) -i for the i-th argument, counting the layout as the
 * first in the LAPACKE-style API, and touches nothing. Positions are LAPACKE's.
 * "Nothing" is checked on every element of every array after each group of calls,
 * with reference LAPACK's one exception: dgetri stores the optimal lwork in work[0]
 * before it checks its other arguments, whenever n is valid and work is not null. */
#include "t.h"

static double a[16], b[8], w[16], a0[16], b0[8], w0[16];
static int ip[4] = {1, 2, 3, 4}, ip0[4];

static void expect(const char *what, long got, long want) {
    if (got != want) t_error("%s: info %ld, want %ld\n", what, got, want);
}

/* After a group of rejected calls: every array as it was, except work[0], which must
 * hold `work0` (the optimal lwork if the group had a dgetri that stores it); then
 * work[0] is restored for the next group. */
static void untouched(const char *group, double work0) {
    if (memcmp(a, a0, sizeof a)) t_error("%s: a rejected call wrote to a\n", group);
    if (memcmp(b, b0, sizeof b)) t_error("%s: a rejected call wrote to b\n", group);
    if (memcmp(ip, ip0, sizeof ip)) t_error("%s: a rejected call wrote to ipiv\n", group);
    if (memcmp(w + 1, w0 + 1, sizeof w - sizeof w[0])) t_error("%s: a rejected call wrote to work[1..]\n", group);
    if (memcmp(&w[0], &work0, sizeof work0)) t_error("%s: work[0] = %g, want %g\n", group, w[0], work0);
    w[0] = w0[0];
}

int main(void) {
    for (int i = 0; i < 16; i++) a[i] = w[i] = i == 0 || i == 5 || i == 10 || i == 15 ? 4 : 1;
    for (int i = 0; i < 8; i++) b[i] = 1;
    memcpy(a0, a, sizeof a); memcpy(b0, b, sizeof b); memcpy(w0, w, sizeof w); memcpy(ip0, ip, sizeof ip);
    const int R = FORKLU_ROW_MAJOR, C = FORKLU_COL_MAJOR;
    double optimal;
    expect("dgetri workspace query", forklu_dgetri(C, 4, a, 4, ip, &optimal, -1), 0);
    if (!(optimal >= 4)) t_error("dgetri's optimal lwork for n = 4 is %g\n", optimal);

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
        untouched(layout == R ? "NULL pointers, row-major" : "NULL pointers, column-major", optimal);
    }
    /* Nothing to do, nothing read: NULL is fine for empty matrices, as in LAPACK. */
    expect("dgetrf 0x0", forklu_dgetrf(C, 0, 0, NULL, 1, NULL), 0);
    expect("dgesv n=0", forklu_dgesv(C, 0, 3, NULL, 1, NULL, NULL, 1), 0);
    untouched("empty matrices", w0[0]);

    for (int layout = -1; layout <= 200; layout += 67) { /* -1, 66, 133, 200: none valid */
        expect("dgetrf layout", forklu_dgetrf(layout, 4, 4, a, 4, ip), -1);
        expect("dgetrs layout", forklu_dgetrs(layout, 'N', 4, 2, a, 4, ip, b, 4), -1);
        expect("dgesv layout", forklu_dgesv(layout, 4, 2, a, 4, ip, b, 4), -1);
        expect("dgetri layout", forklu_dgetri(layout, 4, a, 4, ip, w, 16), -1);
    }
    untouched("unknown layouts", w0[0]);

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
    untouched("Fortran ABI", optimal);
    if (p64[0] != 1 || p64[1] != 2 || p64[2] != 3 || p64[3] != 4) t_error("a rejected call wrote to the ILP64 ipiv\n");
    return t_status;
}
