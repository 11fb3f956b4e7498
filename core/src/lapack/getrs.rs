//! Solves `A X = B` or `A^T X = B` from `getrf`'s factors (LAPACK `dgetrs`).

use super::Ctx;
use super::level3::trsm;
use crate::Error;
use crate::blas::{Diag, Uplo, laswp, laswp_backward};
use crate::config::{Tuning, task_columns};
use crate::mat::{MatMut, MatRef, Share};
use crate::pivot::{Pivot, check_range};
use crate::pool;

/// Which system to solve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trans {
    /// `A X = B`.
    No,
    /// `A^T X = B` (also LAPACK's 'C' for real matrices).
    Yes,
}

/// Overwrites `B` (`n x nrhs`) with the solution, given `lu` and `ipiv` from `getrf`
/// of an `n x n` matrix. Pivots outside `1..=n` are rejected before anything is written.
///
/// ```
/// use forklu::{MatMut, MatRef, lapack::{getrf, getrs, Trans}};
/// let mut a = [2.0, 1.0, 1.0, 3.0];
/// let mut ipiv = [0i32; 2];
/// getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
/// let mut b = [3.0, 4.0]; // A [1, 1]^T
/// getrs(Trans::No, MatRef::col_major(&a, 2, 2, 2).unwrap(), &ipiv,
///       MatMut::col_major(&mut b, 2, 1, 2).unwrap()).unwrap();
/// assert!((b[0] - 1.0).abs() < 1e-15 && (b[1] - 1.0).abs() < 1e-15);
/// ```
pub fn getrs<P: Pivot>(
    trans: Trans,
    lu: MatRef<'_>,
    ipiv: &[P],
    b: MatMut<'_>,
) -> Result<(), Error> {
    let n = lu.rows();
    if lu.cols() != n {
        return Err(Error::NotSquare);
    }
    if b.rows() != n {
        return Err(Error::RhsMismatch);
    }
    check_range(ipiv, n, n)?;
    if n == 0 || b.cols() == 0 {
        return Ok(());
    }
    let cx = Ctx::new(&Tuning::DEFAULT);
    let ipiv = &ipiv[..n];
    let nrhs = b.cols();
    // Right-hand sides are independent: a fixed grid of column tasks (see getrf).
    let width = task_columns(nrhs);
    let share = Share::new(b);
    pool::run(nrhs.div_ceil(width), 2 * n * n * nrhs, &|task| {
        // SAFETY: each task index is run once and covers its own column range.
        let mut b = unsafe { share.cols(task * width, width) };
        match trans {
            Trans::No => {
                laswp(&mut b, ipiv, 0);
                trsm(&cx, Uplo::Lower, Diag::Unit, lu, &mut b);
                trsm(&cx, Uplo::Upper, Diag::NonUnit, lu, &mut b);
            }
            Trans::Yes => {
                trsm(&cx, Uplo::Lower, Diag::NonUnit, lu.transpose(), &mut b);
                trsm(&cx, Uplo::Upper, Diag::Unit, lu.transpose(), &mut b);
                laswp_backward(&mut b, ipiv, 0);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lapack::getrf;
    use forklu_testkit::*;
    use proptest::prelude::*;

    fn solve(trans: Trans, n: usize, nrhs: usize, seed: u64) -> f64 {
        let a0 = random_matrix(n, n, n, seed);
        let b0 = random_matrix(n, nrhs, n, seed + 1);
        let mut lu = a0.clone();
        let mut ipiv = vec![0i32; n];
        getrf(MatMut::col_major(&mut lu, n, n, n).unwrap(), &mut ipiv).unwrap();
        let mut x = b0.clone();
        getrs(
            trans,
            MatRef::col_major(&lu, n, n, n).unwrap(),
            &ipiv,
            MatMut::col_major(&mut x, n, nrhs, n).unwrap(),
        )
        .unwrap();
        let at: Vec<f64> = (0..n * n).map(|k| a0[(k % n) * n + k / n]).collect();
        let a = if trans == Trans::No { &a0 } else { &at };
        solve_residual(a, n, n, &x, &b0, n, nrhs)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn solves_have_small_residual(n in 1usize..150, nrhs in 1usize..12, seed in any::<u64>(), t in any::<bool>()) {
            let trans = if t { Trans::Yes } else { Trans::No };
            let r = solve(trans, n, nrhs, seed);
            prop_assert!(r < 10.0, "residual {}", r);
        }
    }

    #[test]
    fn rejects_bad_pivots_without_writing() {
        let lu = [1.0, 0.0, 0.0, 1.0];
        let mut b = [5.0, 6.0];
        let a = MatRef::col_major(&lu, 2, 2, 2).unwrap();
        for bad in [[0i32, 2], [3, 2], [-1, 2]] {
            let r = getrs(
                Trans::No,
                a,
                &bad,
                MatMut::col_major(&mut b, 2, 1, 2).unwrap(),
            );
            assert_eq!(r, Err(Error::PivotOutOfRange));
        }
        assert_eq!(
            getrs(
                Trans::No,
                a,
                &[1i32],
                MatMut::col_major(&mut b, 2, 1, 2).unwrap()
            ),
            Err(Error::PivotsTooShort)
        );
        assert_eq!(b, [5.0, 6.0]);
        let r = getrs(
            Trans::No,
            a,
            &[1i32, 2],
            MatMut::col_major(&mut b, 1, 2, 1).unwrap(),
        );
        assert_eq!(r, Err(Error::RhsMismatch));
    }
}
