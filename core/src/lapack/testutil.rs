//! Test oracles: random matrices, residuals and a textbook LU to compare against.

use crate::pivot::Pivot;

/// Deterministic uniform values in [-1, 1) from a SplitMix64 stream.
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
    let mut a = vec![f64::from_bits(0x7FF8_DEAD_BEEF_0000); lda * n.max(1)];
    for j in 0..n {
        for i in 0..m {
            a[i + j * lda] = next();
        }
    }
    a
}

/// `||P A - L U||_1 / (||A||_1 max(m, n) eps)` from the original and the factored matrix.
pub fn lu_residual<P: Pivot>(
    a0: &[f64],
    lu: &[f64],
    m: usize,
    n: usize,
    lda: usize,
    ipiv: &[P],
) -> f64 {
    let k = m.min(n);
    let mut pa: Vec<f64> = (0..m * n).map(|x| a0[x % m + (x / m) * lda]).collect();
    for (i, p) in ipiv[..k].iter().enumerate() {
        let r = p.row().unwrap() - 1;
        for j in 0..n {
            pa.swap(i + j * m, r + j * m);
        }
    }
    let mut worst: f64 = 0.0;
    let mut anorm: f64 = 0.0;
    for j in 0..n {
        let (mut col, mut acol) = (0.0, 0.0);
        for i in 0..m {
            let mut s = 0.0;
            for p in 0..k.min(i + 1).min(j + 1) {
                let l = if p == i { 1.0 } else { lu[i + p * lda] };
                s += l * lu[p + j * lda];
            }
            col += (pa[i + j * m] - s).abs();
            acol += a0[i + j * lda].abs();
        }
        worst = worst.max(col);
        anorm = anorm.max(acol);
    }
    if anorm == 0.0 {
        worst
    } else {
        worst / (anorm * m.max(n) as f64 * f64::EPSILON)
    }
}

pub fn assert_pivots_valid<P: Pivot>(ipiv: &[P], m: usize) {
    for (i, p) in ipiv.iter().enumerate() {
        let r = p.row().expect("pivot >= 1");
        assert!(r > i && r <= m, "ipiv[{i}] = {r} outside {}..={m}", i + 1);
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

/// Rows between `m` and `lda` must come back bit-for-bit as they went in.
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

/// Plain right-looking LU with partial pivoting, written from the textbook.
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

/// `||A X - B||_1 / (||A||_1 ||X||_1 n eps)` for a solve `A X = B` (column-major, `A` n x n).
pub fn solve_residual(
    a: &[f64],
    lda: usize,
    n: usize,
    x: &[f64],
    b: &[f64],
    ldb: usize,
    nrhs: usize,
) -> f64 {
    let (mut worst, mut xnorm, mut anorm): (f64, f64, f64) = (0.0, 0.0, 0.0);
    for j in 0..n {
        anorm = anorm.max((0..n).map(|i| a[i + j * lda].abs()).sum());
    }
    for r in 0..nrhs {
        let mut col = 0.0;
        for i in 0..n {
            let ax: f64 = (0..n).map(|p| a[i + p * lda] * x[p + r * ldb]).sum();
            col += (ax - b[i + r * ldb]).abs();
        }
        worst = worst.max(col);
        xnorm = xnorm.max((0..n).map(|i| x[i + r * ldb].abs()).sum());
    }
    let denom = anorm * xnorm * n as f64 * f64::EPSILON;
    if denom == 0.0 { worst } else { worst / denom }
}
