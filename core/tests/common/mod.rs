//! Helpers of the outside-view tests that call forklu; matrices, residuals and
//! supervised forks come from `forklu-testkit`.
#![allow(dead_code)]

use forklu::{MatMut, lapack};
pub use forklu_testkit::*;

/// Factors a copy of `a0` and returns (factors, pivots, info as LAPACK reports it).
pub fn factor(a0: &[f64], m: usize, n: usize, lda: usize) -> (Vec<f64>, Vec<i32>, i64) {
    let mut a = a0.to_vec();
    let mut ipiv = vec![0i32; m.min(n)];
    let info = match lapack::getrf(MatMut::col_major(&mut a, m, n, lda).unwrap(), &mut ipiv) {
        Ok(()) => 0,
        Err(forklu::Error::Singular(i)) => i as i64,
        Err(e) => panic!("getrf failed: {e:?}"),
    };
    (a, ipiv, info)
}

/// Factors and checks info, pivot range and residual; returns the factors and pivots.
pub fn factor_checked(a0: &[f64], m: usize, n: usize, lda: usize) -> (Vec<f64>, Vec<i32>) {
    let (lu, ipiv, info) = factor(a0, m, n, lda);
    assert_eq!(info, 0, "info for {m}x{n}");
    for (i, &p) in ipiv.iter().enumerate() {
        assert!(
            p as usize > i && p as usize <= m,
            "ipiv[{i}] = {p} for {m}x{n}"
        );
    }
    let r = lu_residual(a0, &lu, m, n, lda, &ipiv);
    assert!(r < 20.0, "residual {r} for {m}x{n}");
    (lu, ipiv)
}

/// True when two factorizations agree bit for bit, pivots included.
pub fn same_factors(a: &(Vec<f64>, Vec<i32>), b: &(Vec<f64>, Vec<i32>)) -> bool {
    a.1 == b.1 && same_bits(&a.0, &b.0)
}
