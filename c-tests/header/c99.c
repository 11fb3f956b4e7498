/* forklu.h from strict C99 (-std=c99 -pedantic): complex systems in C99's own
 * `double _Complex` and `float _Complex` arrays go to zgesv_, zgetrf_64_ + zgetrs_64_
 * (trans 'C'), forklu_zgetri, cgesv_ and forklu_cgesv (row-major) as they are, with no
 * cast anywhere; a wrong element type would not compile under -Werror. Each answer is checked
 * against the known solution x = (1 + i, 2 - i, -1 + 0.5 i). */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include "forklu.h"

static int failures;

static void check(const char *what, int ok) {
    if (!ok) {
        printf("%s: wrong answer\n", what);
        failures++;
    }
}

int main(void) {
    /* A (column-major) and the solution of A x = b. */
    const double _Complex a0[9] = {4 + 1 * I, 1 - 2 * I, 0.5 * I, 2, 5 - 1 * I, 1 + 1 * I, -1 * I, 2 + 0.5 * I, 6};
    const double _Complex xk[3] = {1 + 1 * I, 2 - 1 * I, -1 + 0.5 * I};
    double _Complex a[9], b[3], bh[3], w[192];
    float _Complex af[9], bf[3], ar[9], br[3];
    int n = 3, one = 1, info = -9, ipiv[3], i, j, k;
    int64_t n64 = 3, one64 = 1, info64 = -9, ipiv64[3];
    for (i = 0; i < 3; i++) {
        b[i] = bh[i] = 0;
        for (j = 0; j < 3; j++) {
            b[i] += a0[i + 3 * j] * xk[j];
            bh[i] += conj(a0[j + 3 * i]) * xk[j]; /* A^H xk */
        }
    }

    /* zgesv_: A x = b. */
    for (i = 0; i < 9; i++) a[i] = a0[i];
    double _Complex x[3] = {b[0], b[1], b[2]};
    zgesv_(&n, &one, a, &n, ipiv, x, &n, &info);
    check("zgesv_", info == 0 && cabs(x[0] - xk[0]) + cabs(x[1] - xk[1]) + cabs(x[2] - xk[2]) < 1e-12);

    /* zgetrf_64_ then zgetrs_64_ with 'C': A^H x = bh. */
    for (i = 0; i < 9; i++) a[i] = a0[i];
    for (i = 0; i < 3; i++) x[i] = bh[i];
    zgetrf_64_(&n64, &n64, a, &n64, ipiv64, &info64);
    check("zgetrf_64_", info64 == 0);
    zgetrs_64_("C", &n64, &one64, a, &n64, ipiv64, x, &n64, &info64);
    check("zgetrs_64_ 'C'", info64 == 0 && cabs(x[0] - xk[0]) + cabs(x[1] - xk[1]) + cabs(x[2] - xk[2]) < 1e-12);

    /* forklu_zgetri on zgetrf_'s factors: inv(A) A = I. */
    for (i = 0; i < 9; i++) a[i] = a0[i];
    zgetrf_(&n, &n, a, &n, ipiv, &info);
    check("forklu_zgetri", forklu_zgetri(FORKLU_COL_MAJOR, 3, a, 3, ipiv, w, 192) == 0);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) {
            double _Complex s = 0;
            for (k = 0; k < 3; k++) s += a[i + 3 * k] * a0[k + 3 * j];
            check("forklu_zgetri: inv(A) A", cabs(s - (i == j)) < 1e-12);
        }

    /* cgesv_ and forklu_cgesv (row-major: A stored transposed) in single precision. */
    for (i = 0; i < 9; i++) af[i] = a0[i];
    for (i = 0; i < 3; i++) bf[i] = br[i] = b[i];
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) ar[3 * i + j] = a0[i + 3 * j];
    cgesv_(&n, &one, af, &n, ipiv, bf, &n, &info);
    check("cgesv_", info == 0 && cabs(bf[0] - xk[0]) + cabs(bf[1] - xk[1]) + cabs(bf[2] - xk[2]) < 1e-5);
    check("forklu_cgesv row-major", forklu_cgesv(FORKLU_ROW_MAJOR, 3, 1, ar, 3, ipiv, br, 1) == 0 &&
                                        cabs(br[0] - xk[0]) + cabs(br[1] - xk[1]) + cabs(br[2] - xk[2]) < 1e-5);

    /* The real precisions, for completeness: sgesv_ with float, forklu_dgesv with double. */
    {
        float as[4] = {2, 1, 1, 3}, bs[2] = {4, 7}; /* x = (1, 2) */
        double ad[4] = {2, 1, 1, 3}, bd[2] = {4, 7};
        sgesv_(&(int){2}, &one, as, &(int){2}, ipiv, bs, &(int){2}, &info);
        check("sgesv_", info == 0 && fabsf(bs[0] - 1) + fabsf(bs[1] - 2) < 1e-5f);
        check("forklu_dgesv", forklu_dgesv(FORKLU_COL_MAJOR, 2, 1, ad, 2, ipiv, bd, 2) == 0 && fabs(bd[0] - 1) + fabs(bd[1] - 2) < 1e-12);
    }
    printf("header from C99: %s\n", failures ? "FAIL" : "ok");
    return failures != 0;
}
