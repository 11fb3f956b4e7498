//! Solves `A X = B`, `A^T X = B` or `A^H X = B` from `getrf`'s factors (LAPACK `?getrs`).

use super::Ctx;
use super::level3::trsm;
use crate::Error;
use crate::blas::{Diag, Uplo, laswp, laswp_backward};
use crate::config::{Tuning, task_columns};
use crate::mat::{MatMut, MatRef, Share};
use crate::pivot::{Pivot, check_range};
use crate::pool;
use crate::scalar::{Scalar, flop_weight};

/// Which system to solve (LAPACK's `trans` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trans {
    /// `A X = B` ('N').
    No,
    /// `A^T X = B` ('T').
    Yes,
    /// `A^H X = B`, the conjugate transpose ('C'); for real matrices the same as `Yes`.
    Conj,
}

/// Overwrites `B` (`n x nrhs`) with the solution, given `lu` and `ipiv` from `getrf`
/// of an `n x n` matrix. Pivots outside `1..=n` are rejected before anything is written.
///
/// ```
/// use forklu::{MatMut, MatRef, lapack::{getrf, getrs, Trans}};
/// let mut a = [2.0f64, 1.0, 1.0, 3.0];
/// let mut ipiv = [0i32; 2];
/// getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
/// let mut b = [3.0f64, 4.0]; // A [1, 1]^T
/// getrs(Trans::No, MatRef::col_major(&a, 2, 2, 2).unwrap(), &ipiv,
///       MatMut::col_major(&mut b, 2, 1, 2).unwrap()).unwrap();
/// assert!((b[0] - 1.0).abs() < 1e-15 && (b[1] - 1.0).abs() < 1e-15);
/// ```
pub fn getrs<T: Scalar, P: Pivot>(
    trans: Trans,
    lu: MatRef<'_, T>,
    ipiv: &[P],
    b: MatMut<'_, T>,
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
    let cx = Ctx::<T::Real>::new(&Tuning::DEFAULT);
    let ipiv = &ipiv[..n];
    let nrhs = b.cols();
    // Right-hand sides are independent: a fixed grid of column tasks (see getrf).
    let width = task_columns(nrhs);
    let share = Share::new(b);
    let flops = flop_weight::<T>() * 2 * n * n * nrhs;
    pool::run(nrhs.div_ceil(width), flops, &|task| {
        // SAFETY: each task index is run once and covers its own column range.
        let mut b = unsafe { share.cols(task * width, width) };
        match trans {
            Trans::No => {
                laswp(&mut b, ipiv, 0);
                trsm(&cx, Uplo::Lower, Diag::Unit, lu, false, &mut b);
                trsm(&cx, Uplo::Upper, Diag::NonUnit, lu, false, &mut b);
            }
            Trans::Yes | Trans::Conj => {
                // A^T = U^T L^T P^T: solve with U^T (lower), then L^T (upper), then P.
                let conj = trans == Trans::Conj;
                trsm(
                    &cx,
                    Uplo::Lower,
                    Diag::NonUnit,
                    lu.transpose(),
                    conj,
                    &mut b,
                );
                trsm(&cx, Uplo::Upper, Diag::Unit, lu.transpose(), conj, &mut b);
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

    /// `op(A) X = B` for every type and `trans`, right-hand sides column-major and
    /// row-major (the conjugate-transposed solve of a row-major B conjugates the
    /// product's second operand).
    fn solves_in<T: crate::Scalar>(n: usize, nrhs: usize, seed: u64) {
        use crate::scalar::testing::{matrix, solve_residual};
        let a0 = matrix::<T>(n, n, n, seed);
        let b0 = matrix::<T>(n, nrhs, n, seed + 1);
        let mut lu = a0.clone();
        let mut ipiv = vec![0i32; n];
        getrf(MatMut::col_major(&mut lu, n, n, n).unwrap(), &mut ipiv).unwrap();
        for (code, trans) in [(0, Trans::No), (1, Trans::Yes), (2, Trans::Conj)] {
            let luv = MatRef::col_major(&lu, n, n, n).unwrap();
            let mut x = b0.clone();
            getrs(
                trans,
                luv,
                &ipiv,
                MatMut::col_major(&mut x, n, nrhs, n).unwrap(),
            )
            .unwrap();
            let r = solve_residual(&a0, n, code, &x, &b0, nrhs);
            assert!(
                r < 20.0,
                "{} n={n} {trans:?}: {r}",
                core::any::type_name::<T>()
            );
            // The same right-hand sides stored row-major give the same solution.
            let mut xr: Vec<T> = (0..n * nrhs)
                .map(|k| b0[(k % nrhs) * n + k / nrhs])
                .collect();
            getrs(
                trans,
                luv,
                &ipiv,
                MatMut::row_major(&mut xr, n, nrhs, nrhs).unwrap(),
            )
            .unwrap();
            let back: Vec<T> = (0..n * nrhs).map(|k| xr[(k % n) * nrhs + k / n]).collect();
            let r = solve_residual(&a0, n, code, &back, &b0, nrhs);
            assert!(
                r < 20.0,
                "{} n={n} {trans:?} row-major: {r}",
                core::any::type_name::<T>()
            );
        }
    }

    #[test]
    fn every_type_solves_with_every_trans() {
        for (n, nrhs) in [(1, 1), (17, 3), (90, 40), (200, 7)] {
            solves_in::<f32>(n, nrhs, n as u64);
            solves_in::<f64>(n, nrhs, n as u64);
            solves_in::<crate::C32>(n, nrhs, n as u64);
            solves_in::<crate::C64>(n, nrhs, n as u64);
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
