//! Matrices and the numerical checks: residuals, pivot validity, bits.

/// The value padding rows (`m..lda`) are filled with: a quiet NaN with a payload that
/// shows where it came from if it ever leaks into a result.
pub const PADDING: f64 = f64::from_bits(0x7FF8_DEAD_BEEF_0000);

/// Deterministic values uniform in [-1, 1) from a SplitMix64 stream, column-major with
/// leading dimension `lda`; rows `m..lda` hold [`PADDING`].
pub fn random_matrix(m: usize, n: usize, lda: usize, seed: u64) -> Vec<f64> {
    let mut s = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    };
    let mut a = vec![PADDING; lda.max(1) * n.max(1)];
    for j in 0..n {
        for i in 0..m {
            a[i + j * lda] = next();
        }
    }
    a
}

/// The 0-based row a 1-based LAPACK pivot entry names.
fn row(p: impl Into<i64>) -> usize {
    let p = p.into();
    assert!(p >= 1, "pivot entry {p} below 1");
    p as usize - 1
}

/// `||P A - L U||_1 / (||A||_1 max(m, n) eps)` from the original `a0` and the factors
/// `lu` (both column-major with leading dimension `lda`) and the 1-based pivots.
pub fn lu_residual<P: Copy + Into<i64>>(
    a0: &[f64],
    lu: &[f64],
    m: usize,
    n: usize,
    lda: usize,
    ipiv: &[P],
) -> f64 {
    let at = |x: &[f64], i: usize, j: usize| (x[i + j * lda], 0.0);
    lu_residual_with(
        m,
        n,
        |i, j| at(a0, i, j),
        |i, j| at(lu, i, j),
        ipiv,
        f64::EPSILON,
    )
}

/// [`lu_residual`] for any element type: `a0(i, j)` and `lu(i, j)` give an element's
/// `(re, im)` (`im = 0` for reals), `eps` is the precision's machine epsilon. The sums
/// run in `f64` complex arithmetic and the norm is LAPACK's one-norm (`zlange('1')`,
/// moduli of the elements).
pub fn lu_residual_with<P: Copy + Into<i64>>(
    m: usize,
    n: usize,
    a0: impl Fn(usize, usize) -> (f64, f64),
    lu: impl Fn(usize, usize) -> (f64, f64),
    ipiv: &[P],
    eps: f64,
) -> f64 {
    let k = m.min(n);
    let mut perm: Vec<usize> = (0..m).collect();
    for (i, &p) in ipiv[..k].iter().enumerate() {
        perm.swap(i, row(p));
    }
    let (mut worst, mut anorm): (f64, f64) = (0.0, 0.0);
    for j in 0..n {
        let (mut col, mut acol) = (0.0, 0.0);
        for (i, &from) in perm.iter().enumerate() {
            let (mut sr, mut si) = (0.0, 0.0);
            for p in 0..k.min(i + 1).min(j + 1) {
                let l = if p == i { (1.0, 0.0) } else { lu(i, p) };
                let u = lu(p, j);
                sr += l.0 * u.0 - l.1 * u.1;
                si += l.0 * u.1 + l.1 * u.0;
            }
            let pa = a0(from, j);
            col += (pa.0 - sr).hypot(pa.1 - si);
            let a = a0(i, j);
            acol += a.0.hypot(a.1);
        }
        worst = worst.max(col);
        anorm = anorm.max(acol);
    }
    if anorm == 0.0 {
        worst
    } else {
        worst / (anorm * m.max(n) as f64 * eps)
    }
}

/// `||A X - B||_1 / (||A||_1 ||X||_1 n eps)` for a solve `A X = B` (column-major,
/// `A` is `n x n` with leading dimension `lda`, `X` and `B` are `n x nrhs` with `ldb`).
pub fn solve_residual(
    a: &[f64],
    lda: usize,
    n: usize,
    x: &[f64],
    b: &[f64],
    ldb: usize,
    nrhs: usize,
) -> f64 {
    solve_residual_with(
        n,
        nrhs,
        |i, j| (a[i + j * lda], 0.0),
        |i, j| (x[i + j * ldb], 0.0),
        |i, j| (b[i + j * ldb], 0.0),
        f64::EPSILON,
    )
}

/// [`solve_residual`] for any element type, as [`lu_residual_with`] takes them: `a`,
/// `x`, `b` give `(re, im)` of `A(i, j)`, `X(i, j)`, `B(i, j)`.
pub fn solve_residual_with(
    n: usize,
    nrhs: usize,
    a: impl Fn(usize, usize) -> (f64, f64),
    x: impl Fn(usize, usize) -> (f64, f64),
    b: impl Fn(usize, usize) -> (f64, f64),
    eps: f64,
) -> f64 {
    let (mut worst, mut xnorm, mut anorm): (f64, f64, f64) = (0.0, 0.0, 0.0);
    for j in 0..n {
        anorm = anorm.max((0..n).map(|i| a(i, j).0.hypot(a(i, j).1)).sum());
    }
    for r in 0..nrhs {
        let mut col = 0.0;
        for i in 0..n {
            let (mut sr, mut si) = (0.0, 0.0);
            for p in 0..n {
                let (u, v) = (a(i, p), x(p, r));
                sr += u.0 * v.0 - u.1 * v.1;
                si += u.0 * v.1 + u.1 * v.0;
            }
            let bi = b(i, r);
            col += (sr - bi.0).hypot(si - bi.1);
        }
        worst = worst.max(col);
        xnorm = xnorm.max((0..n).map(|i| x(i, r).0.hypot(x(i, r).1)).sum());
    }
    let denom = anorm * xnorm * n as f64 * eps;
    if denom == 0.0 { worst } else { worst / denom }
}

/// Plain right-looking LU with partial pivoting (first largest `|a|` wins), written
/// from the textbook: the oracle for pivots and, within rounding, for the factors.
pub fn textbook_getf2(a: &mut [f64], m: usize, n: usize, lda: usize, ipiv: &mut [i64]) {
    for j in 0..m.min(n) {
        let mut p = j;
        for i in j + 1..m {
            if a[i + j * lda].abs() > a[p + j * lda].abs() {
                p = i;
            }
        }
        ipiv[j] = p as i64 + 1;
        for c in 0..n {
            a.swap(j + c * lda, p + c * lda);
        }
        let d = a[j + j * lda];
        for i in j + 1..m {
            a[i + j * lda] /= d;
        }
        for c in j + 1..n {
            for i in j + 1..m {
                a[i + c * lda] -= a[i + j * lda] * a[j + c * lda];
            }
        }
    }
}

/// Every pivot is a row at or below its own, inside the `m` rows.
pub fn assert_pivots_valid<P: Copy + Into<i64>>(ipiv: &[P], m: usize) {
    for (i, &p) in ipiv.iter().enumerate() {
        let r = p.into();
        assert!(
            r > i as i64 && r <= m as i64,
            "ipiv[{i}] = {r} outside {}..={m}",
            i + 1
        );
    }
}

/// Partial pivoting keeps every multiplier at most 1 in magnitude.
pub fn assert_l_bounded(lu: &[f64], m: usize, n: usize, lda: usize) {
    for j in 0..m.min(n) {
        for i in j + 1..m {
            let l = lu[i + j * lda];
            assert!(l.abs() <= 1.0 || l.is_nan(), "|L({i},{j})| = {l} > 1");
        }
    }
}

/// Rows between `m` and `lda` must come back bit for bit as they went in.
pub fn assert_padding_untouched(before: &[f64], after: &[f64], m: usize, n: usize, lda: usize) {
    for j in 0..n {
        for i in m..lda {
            let k = i + j * lda;
            if k < before.len() {
                assert_eq!(
                    before[k].to_bits(),
                    after[k].to_bits(),
                    "padding ({i},{j}) changed"
                );
            }
        }
    }
}

/// True when two slices agree bit for bit (NaN payloads and signed zeros included).
pub fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// LU flop count of an `m x n` matrix (LAPACK's operation count; `2/3 n^3` to first
/// order when square).
pub fn getrf_flops(m: usize, n: usize) -> f64 {
    let (m, n) = (m as f64, n as f64);
    if m >= n {
        m * n * n - n * n * n / 3.0 - n * n / 2.0 + 5.0 * n / 6.0
    } else {
        n * m * m - m * m * m / 3.0 - m * m / 2.0 + 5.0 * m / 6.0
    }
}

/// `||P A v - L (U v)||_inf / (||A||_inf ||v||_inf max(m, n) eps)` for a fixed `v`
/// (`A`, `LU` column-major with `lda = m`): an O(mn) check that factors are real, for
/// sizes where [`lu_residual`]'s O(mnk) would take too long (benchmarks of peers).
pub fn lu_residual_probe<P: Copy + Into<i64>>(
    a: &[f64],
    lu: &[f64],
    ipiv: &[P],
    m: usize,
    n: usize,
) -> f64 {
    let k = m.min(n);
    let v: Vec<f64> = (0..n).map(|j| 1.0 + (j % 5) as f64 * 0.25).collect();
    let mut uv = vec![0.0; k];
    for j in 0..n {
        for (i, u) in uv.iter_mut().enumerate().take(k.min(j + 1)) {
            *u += lu[i + j * m] * v[j];
        }
    }
    let mut luv = vec![0.0; m];
    for (p, &u) in uv.iter().enumerate() {
        luv[p] += u;
        for (i, l) in luv.iter_mut().enumerate().skip(p + 1) {
            *l += lu[i + p * m] * u;
        }
    }
    let mut av: Vec<f64> = (0..m)
        .map(|i| (0..n).map(|j| a[i + j * m] * v[j]).sum())
        .collect();
    for (i, &p) in ipiv.iter().enumerate().take(k) {
        av.swap(i, row(p));
    }
    let anorm = (0..m)
        .map(|i| (0..n).map(|j| a[i + j * m].abs()).sum::<f64>())
        .fold(0.0, f64::max);
    let err = av
        .iter()
        .zip(&luv)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max);
    err / (anorm * 2.0 * m.max(n) as f64 * f64::EPSILON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_lu_has_a_small_residual_and_a_known_pivot() {
        let (m, n) = (7, 5);
        let a0 = random_matrix(m, n, m + 2, 3);
        let mut a = a0.clone();
        let mut ipiv = vec![0i64; 5];
        textbook_getf2(&mut a, m, n, m + 2, &mut ipiv);
        assert!(lu_residual(&a0, &a, m, n, m + 2, &ipiv) < 5.0);
        assert_pivots_valid(&ipiv, m);
        assert_l_bounded(&a, m, n, m + 2);
        assert_padding_untouched(&a0, &a, m, n, m + 2);
        // The residual sees a wrong factor: it must be able to fail.
        let mut bad = a.clone();
        bad[m + 2 + 1] += 1e-6;
        assert!(lu_residual(&a0, &bad, m, n, m + 2, &ipiv) > 1e6);
    }

    #[test]
    fn the_probe_agrees_and_sees_a_wrong_factor() {
        let (m, n) = (9, 6);
        let a0 = random_matrix(m, n, m, 4);
        let mut a = a0.clone();
        let mut ipiv = vec![0i64; 6];
        textbook_getf2(&mut a, m, n, m, &mut ipiv);
        assert!(lu_residual_probe(&a0, &a, &ipiv, m, n) < 5.0);
        a[m + 3] += 1e-6;
        assert!(lu_residual_probe(&a0, &a, &ipiv, m, n) > 1e6);
    }

    #[test]
    fn flops_of_a_square_lu_are_two_thirds_n_cubed_to_first_order() {
        let f = getrf_flops(1000, 1000);
        assert!((f / (2.0 / 3.0 * 1e9) - 1.0).abs() < 1e-3);
    }
}
