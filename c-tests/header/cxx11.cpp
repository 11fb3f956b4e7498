// forklu.h from C++11 (-std=c++11 -pedantic): std::complex<double> and
// std::complex<float> arrays (and std::vector's storage) go to zgesv_, zgetrf_ +
// zgetrs_ (trans 'C'), forklu_zgesv (row-major), cgesv_ and forklu_cgetrf +
// forklu_cgetrs as they are, with no cast; a wrong element type would not compile.
// Each answer is checked against the known solution x = (1 + i, 2 - i, -1 + 0.5 i).
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>
#include "forklu.h"

namespace {

int failures = 0;

void check(const char *what, bool ok) {
    if (!ok) {
        std::printf("%s: wrong answer\n", what);
        failures++;
    }
}

template <typename T>
double distance(const std::complex<T> *x, const std::complex<double> *y) {
    double d = 0;
    for (int i = 0; i < 3; i++) d += std::abs(std::complex<double>(x[i]) - y[i]);
    return d;
}

}  // namespace

int main() {
    typedef std::complex<double> zd;
    typedef std::complex<float> cf;
    const zd a0[9] = {{4, 1}, {1, -2}, {0, 0.5}, {2, 0}, {5, -1}, {1, 1}, {0, -1}, {2, 0.5}, {6, 0}};
    const zd xk[3] = {{1, 1}, {2, -1}, {-1, 0.5}};
    zd b[3], bh[3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            b[i] += a0[i + 3 * j] * xk[j];
            bh[i] += std::conj(a0[j + 3 * i]) * xk[j];  // A^H xk
        }
    int n = 3, one = 1, info = -9, ipiv[3];

    // zgesv_ on std::vector storage.
    std::vector<zd> a(a0, a0 + 9), x(b, b + 3);
    zgesv_(&n, &one, a.data(), &n, ipiv, x.data(), &n, &info);
    check("zgesv_", info == 0 && distance(x.data(), xk) < 1e-12);

    // zgetrf_ + zgetrs_ with 'C': A^H x = bh.
    a.assign(a0, a0 + 9);
    x.assign(bh, bh + 3);
    zgetrf_(&n, &n, a.data(), &n, ipiv, &info);
    check("zgetrf_", info == 0);
    zgetrs_("C", &n, &one, a.data(), &n, ipiv, x.data(), &n, &info);
    check("zgetrs_ 'C'", info == 0 && distance(x.data(), xk) < 1e-12);

    // forklu_zgesv, row-major: A stored transposed.
    zd ar[9], xr[3] = {b[0], b[1], b[2]};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) ar[3 * i + j] = a0[i + 3 * j];
    check("forklu_zgesv row-major", forklu_zgesv(FORKLU_ROW_MAJOR, 3, 1, ar, 3, ipiv, xr, 1) == 0 && distance(xr, xk) < 1e-12);

    // Single precision: cgesv_, and forklu_cgetrf + forklu_cgetrs with 'C'.
    cf af[9], bf[3], hf[3];
    for (int i = 0; i < 9; i++) af[i] = cf(a0[i]);
    for (int i = 0; i < 3; i++) {
        bf[i] = cf(b[i]);
        hf[i] = cf(bh[i]);
    }
    cgesv_(&n, &one, af, &n, ipiv, bf, &n, &info);
    check("cgesv_", info == 0 && distance(bf, xk) < 1e-5);
    for (int i = 0; i < 9; i++) af[i] = cf(a0[i]);
    check("forklu_cgetrf", forklu_cgetrf(FORKLU_COL_MAJOR, 3, 3, af, 3, ipiv) == 0);
    check("forklu_cgetrs 'C'", forklu_cgetrs(FORKLU_COL_MAJOR, 'C', 3, 1, af, 3, ipiv, hf, 3) == 0 && distance(hf, xk) < 1e-5);

    std::printf("header from C++11: %s\n", failures ? "FAIL" : "ok");
    return failures != 0;
}
