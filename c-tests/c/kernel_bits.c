/* Prints (on stderr) a hash of the bits of dgetrf_'s factors and pivots of a fixed
 * 96 x 96 matrix. The kernels round differently, so the hash names the kernel this
 * process ran; c-tests/tests/kernel.rs compares it with forklu's own result in a Rust
 * process that asserts which kernel it runs. The matrix is written so that Rust
 * computes the same doubles. */
#include "t.h"

#define N 96

int main(void) {
    static double a[N * N];
    int n = N, info = -99, ipiv[N];
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) a[i + j * N] = (double)((i * 37 + j * 101 + i * j * 7) % 1000) / 1000.0 - 0.5;
    dgetrf_(&n, &n, a, &n, ipiv, &info);
    uint64_t h = 1469598103934665603ull; /* FNV-1a over 64-bit words */
    for (int k = 0; k < N * N; k++) {
        uint64_t bits;
        memcpy(&bits, &a[k], sizeof bits);
        h = (h ^ bits) * 1099511628211ull;
    }
    for (int k = 0; k < N; k++) h = (h ^ (uint64_t)ipiv[k]) * 1099511628211ull;
    fprintf(stderr, "info %d bits %016llx\n", info, (unsigned long long)h);
    return info != 0;
}
