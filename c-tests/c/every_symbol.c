/* Calls every exported entry point once on the same 3 x 3 system and checks each
 * answer against the known solution x = (1, 2, 3) and inverse, and every call's info
 * (set to -9 before each, so an entry point that leaves it alone fails too). */
#include "t.h"

static const double A[9] = {4, 2, 1, 1, 5, 2, 2, 1, 6}; /* column-major */
static const double B[3] = {12, 15, 23};                  /* A (1, 2, 3)^T */

static void check_x(const char *what, const double *x, long info) {
    if (info != 0 || fabs(x[0] - 1) > 1e-12 || fabs(x[1] - 2) > 1e-12 || fabs(x[2] - 3) > 1e-12)
        t_error("%s: info %ld, x = (%g, %g, %g)\n", what, info, x[0], x[1], x[2]);
}

/* inv(A) A == I to rounding. */
static void check_inverse(const char *what, const double *inv, long info) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int k = 0; k < 3; k++) s += inv[i + 3 * k] * A[k + 3 * j];
            if (info != 0 || fabs(s - (i == j)) > 1e-12) { t_error("%s: info %ld, (inv A)(%d,%d) = %g\n", what, info, i, j, s); return; }
        }
}

#define LP64_ROUND(P)                                                                   \
    do {                                                                                \
        int n = 3, one = 1, lw = 9, info = -9, ipiv[3];                                 \
        double a[9], b[3], w[9];                                                        \
        memcpy(a, A, sizeof a); memcpy(b, B, sizeof b);                                 \
        P##dgesv_(&n, &one, a, &n, ipiv, b, &n, &info); check_x(#P "dgesv_", b, info);  \
        memcpy(a, A, sizeof a); memcpy(b, B, sizeof b);                                 \
        P##dgetrf_(&n, &n, a, &n, ipiv, &info);                                         \
        if (info != 0) t_error(#P "dgetrf_: info %d\n", info);                          \
        info = -9;                                                                      \
        P##dgetrs_("N", &n, &one, a, &n, ipiv, b, &n, &info); check_x(#P "dgetrs_", b, info); \
        info = -9;                                                                      \
        P##dgetri_(&n, a, &n, ipiv, w, &lw, &info); check_inverse(#P "dgetri_", a, info); \
    } while (0)

#define ILP64_ROUND(P)                                                                  \
    do {                                                                                \
        int64_t n = 3, one = 1, lw = 9, info = -9, ipiv[3];                             \
        double a[9], b[3], w[9];                                                        \
        memcpy(a, A, sizeof a); memcpy(b, B, sizeof b);                                 \
        P##dgesv_64_(&n, &one, a, &n, ipiv, b, &n, &info); check_x(#P "dgesv_64_", b, (long)info); \
        memcpy(a, A, sizeof a); memcpy(b, B, sizeof b);                                 \
        P##dgetrf_64_(&n, &n, a, &n, ipiv, &info);                                      \
        if (info != 0) t_error(#P "dgetrf_64_: info %ld\n", (long)info);                \
        info = -9;                                                                      \
        P##dgetrs_64_("T", &n, &one, a, &n, ipiv, b, &n, &info);                        \
        if (info != 0) t_error(#P "dgetrs_64_ T: info %ld\n", (long)info);              \
        /* A^T x = b has another solution: check it by solving back with "N" on A^T. */ \
        double r[3];                                                                    \
        for (int i = 0; i < 3; i++) r[i] = A[0 + 3 * i] * b[0] + A[1 + 3 * i] * b[1] + A[2 + 3 * i] * b[2]; \
        if (fabs(r[0] - B[0]) > 1e-12 || fabs(r[1] - B[1]) > 1e-12 || fabs(r[2] - B[2]) > 1e-12) \
            t_error(#P "dgetrs_64_ T: A^T x != b\n");                                   \
        info = -9;                                                                      \
        P##dgetri_64_(&n, a, &n, ipiv, w, &lw, &info); check_inverse(#P "dgetri_64_", a, (long)info); \
    } while (0)

int main(void) {
    LP64_ROUND();
    LP64_ROUND(forklu_);
    ILP64_ROUND();
    ILP64_ROUND(forklu_);
    /* LAPACKE style, column- and row-major (the row-major copy of A is A^T in memory). */
    for (int layout = 101; layout <= 102; layout++) {
        double a[9], b[3], w[9];
        int ipiv[3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) a[layout == 102 ? i + 3 * j : 3 * i + j] = A[i + 3 * j];
        memcpy(b, B, sizeof b);
        double a0[9];
        memcpy(a0, a, sizeof a);
        check_x("forklu_dgesv", b, forklu_dgesv(layout, 3, 1, a, 3, ipiv, b, 1 + 2 * (layout == 102)));
        memcpy(a, a0, sizeof a); memcpy(b, B, sizeof b);
        int info = forklu_dgetrf(layout, 3, 3, a, 3, ipiv);
        if (info != 0) t_error("forklu_dgetrf layout %d: info %d\n", layout, info);
        check_x("forklu_dgetrs", b, forklu_dgetrs(layout, 'N', 3, 1, a, 3, ipiv, b, 1 + 2 * (layout == 102)));
        info = forklu_dgetri(layout, 3, a, 3, ipiv, w, 9);
        double inv[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) inv[i + 3 * j] = a[layout == 102 ? i + 3 * j : 3 * i + j];
        check_inverse(layout == 102 ? "forklu_dgetri col-major" : "forklu_dgetri row-major", inv, info);
    }
    if (strlen(forklu_version()) < 5) t_error("version %s\n", forklu_version());
    return t_status;
}
