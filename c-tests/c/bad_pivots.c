/* Pivot entries outside 1..n are a bad argument to dgetrs and dgetri (README: "rejects
 * pivot entries outside 1..n in dgetrs/dgetri instead of writing out of bounds"): every
 * entry point returns -i for the ipiv argument's position (-6 for dgetrs_, -4 for
 * dgetri_, one more in the LAPACKE-style API, which counts the layout) and writes
 * nothing, but for dgetri's work[0], which holds the optimal lwork as in reference
 * LAPACK. With the pivots repaired, the same calls solve and invert. */
#include <limits.h>
#include "t.h"

#define N 5

static double a0[N * N], lu[N * N], b0[N * 2], work0[N * 64];
static int ip[N];

static void expect(const char *what, long got, long want) {
    if (got != want) t_error("%s: info %ld, want %ld\n", what, got, want);
}

/* Nothing written: the factors, the right-hand sides, and work past work[0]. */
static void untouched(const char *what, const double *a, const double *b, const double *w) {
    if (memcmp(a, lu, sizeof lu)) t_error("%s: a written\n", what);
    if (b && memcmp(b, b0, sizeof b0)) t_error("%s: b written\n", what);
    if (w && memcmp(w + 1, work0 + 1, sizeof work0 - sizeof work0[0])) t_error("%s: work[1..] written\n", what);
}

/* Every bad entry (each value at each position) through every entry point. */
static void reject(int at, long bad) {
    char what[96];
    int n = N, two = 2, lw = N * 64, info;
    int p[N];
    int64_t n64 = N, two64 = 2, lw64 = N * 64, info64, p64[N];
    memcpy(p, ip, sizeof p);
    for (int i = 0; i < N; i++) p64[i] = ip[i];
    p[at] = bad < INT_MIN || bad > INT_MAX ? INT_MAX : (int)bad;
    p64[at] = bad;
    double a[N * N], b[N * 2], w[N * 64];
#define FRESH() (memcpy(a, lu, sizeof a), memcpy(b, b0, sizeof b), memcpy(w, work0, sizeof w))
    for (int t = 0; t < 2; t++) {
        const char *trans = t ? "T" : "N";
        snprintf(what, sizeof what, "dgetrs_ %s ipiv[%d] = %d", trans, at, p[at]);
        FRESH(); info = 7; dgetrs_(trans, &n, &two, a, &n, p, b, &n, &info); expect(what, info, -6); untouched(what, a, b, NULL);
        snprintf(what, sizeof what, "dgetrs_64_ %s ipiv[%d] = %ld", trans, at, bad);
        FRESH(); info64 = 7; dgetrs_64_(trans, &n64, &two64, a, &n64, p64, b, &n64, &info64); expect(what, info64, -6); untouched(what, a, b, NULL);
        for (int layout = FORKLU_ROW_MAJOR; layout <= FORKLU_COL_MAJOR; layout++) {
            snprintf(what, sizeof what, "forklu_dgetrs layout %d %s ipiv[%d] = %d", layout, trans, at, p[at]);
            FRESH();
            expect(what, forklu_dgetrs(layout, trans[0], N, 2, a, N, p, b, layout == FORKLU_ROW_MAJOR ? 2 : N), -7);
            untouched(what, a, b, NULL);
        }
    }
    snprintf(what, sizeof what, "dgetri_ ipiv[%d] = %d", at, p[at]);
    FRESH(); info = 7; dgetri_(&n, a, &n, p, w, &lw, &info); expect(what, info, -4); untouched(what, a, NULL, w);
    snprintf(what, sizeof what, "dgetri_64_ ipiv[%d] = %ld", at, bad);
    FRESH(); info64 = 7; dgetri_64_(&n64, a, &n64, p64, w, &lw64, &info64); expect(what, info64, -4); untouched(what, a, NULL, w);
    for (int layout = FORKLU_ROW_MAJOR; layout <= FORKLU_COL_MAJOR; layout++) {
        snprintf(what, sizeof what, "forklu_dgetri layout %d ipiv[%d] = %d", layout, at, p[at]);
        FRESH(); expect(what, forklu_dgetri(layout, N, a, N, p, w, N * 64), -5); untouched(what, a, NULL, w);
    }
#undef FRESH
}

int main(void) {
    double *r = t_random(N, N, N, 31), *rb = t_random(N, 2, N, 32);
    memcpy(a0, r, sizeof a0);
    memcpy(b0, rb, sizeof b0);
    for (int i = 0; i < N * 64; i++) work0[i] = -1.5;
    memcpy(lu, a0, sizeof lu);
    int n = N, info;
    dgetrf_(&n, &n, lu, &n, ip, &info);
    if (info != 0) t_error("dgetrf_: info %d\n", info);
    const long bad[] = {0, -1, N + 1, INT_MIN, INT_MAX, (long)INT_MAX + 1, -(1L << 40)};
    for (int at = 0; at < N; at += N - 1)
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) reject(at, bad[k]);

    /* The same calls with the real pivots: a solution and an inverse. */
    double b[N * 2], a[N * N], w[N * 64];
    int two = 2, lw = N * 64;
    memcpy(b, b0, sizeof b);
    dgetrs_("N", &n, &two, lu, &n, ip, b, &n, &info);
    if (info != 0) t_error("dgetrs_ with valid pivots: info %d\n", info);
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += a0[i + k * N] * b[k + j * N];
            if (fabs(s - b0[i + j * N]) > 1e-12) t_error("dgetrs_: (A x - b)(%d,%d) = %g\n", i, j, s - b0[i + j * N]);
        }
    memcpy(a, lu, sizeof a);
    dgetri_(&n, a, &n, ip, w, &lw, &info);
    if (info != 0) t_error("dgetri_ with valid pivots: info %d\n", info);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += a[i + k * N] * a0[k + j * N];
            if (fabs(s - (i == j)) > 1e-12) t_error("dgetri_: (inv(A) A)(%d,%d) = %g\n", i, j, s);
        }
    free(r);
    free(rb);
    return t_status;
}
