//! Inverse of a matrix from its LU factors (LAPACK `?getri`).

use super::Ctx;
use super::level3::{gemm_sub, trsm};
use super::trtri_upper;
use crate::Error;
use crate::blas::{Diag, Uplo};
use crate::config::Tuning;
use crate::mat::{MatMut, MatRef};
use crate::pivot::{Pivot, check_range};
use crate::scalar::Scalar;

/// Workspace length that lets `getri` run fully blocked for order `n`
/// (what LAPACK returns in `work(1)` for `lwork = -1`). At least 1.
pub fn getri_work_len(n: usize) -> usize {
    n.saturating_mul(Tuning::DEFAULT.getri_block).max(1)
}

/// Overwrites `lu` (factors of `A` from `getrf`) with `A^-1`.
///
/// `work` needs at least `n` entries (at least 1); with [`getri_work_len`] entries the
/// blocked algorithm runs, with fewer the block shrinks to fit, as in LAPACK.
/// `Err(Singular(i))` (nothing written) when `U(i, i)` is exactly zero.
///
/// ```
/// use forklu::{MatMut, lapack::{getrf, getri, getri_work_len}};
/// let mut a = [4.0f64, 2.0, 7.0, 6.0];
/// let mut ipiv = [0i32; 2];
/// getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
/// let mut work = vec![0.0; getri_work_len(2)];
/// getri(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &ipiv, &mut work).unwrap();
/// let expect = [0.6, -0.2, -0.7, 0.4];
/// assert!(a.iter().zip(expect).all(|(x, y)| (x - y).abs() < 1e-15));
/// ```
pub fn getri<T: Scalar, P: Pivot>(
    a: MatMut<'_, T>,
    ipiv: &[P],
    work: &mut [T],
) -> Result<(), Error> {
    getri_with(&Tuning::DEFAULT, a, ipiv, work)
}

/// [`getri`] with explicit block sizes.
pub fn getri_with<T: Scalar, P: Pivot>(
    t: &Tuning,
    mut a: MatMut<'_, T>,
    ipiv: &[P],
    work: &mut [T],
) -> Result<(), Error> {
    let n = a.rows();
    if a.cols() != n {
        return Err(Error::NotSquare);
    }
    if work.len() < n.max(1) {
        return Err(Error::WorkTooSmall);
    }
    check_range(ipiv, n, n)?;
    if n == 0 {
        return Ok(());
    }
    trtri_upper(a.rb())?;
    let cx = Ctx::<T::Real>::new(t);
    // Solve inv(A) L = inv(U) for inv(A), one block of columns at a time from the
    // right; the block's part of L is moved to `work` and zeroed in `a`.
    let nb = t.getri_block.min(work.len() / n).max(1).min(n);
    let mut end = n;
    while end > 0 {
        let jb = if end == n && !n.is_multiple_of(nb) {
            n % nb
        } else {
            nb.min(end)
        };
        let j0 = end - jb;
        let mut wl = MatMut::col_major(&mut work[..n * jb], n, jb, n).map_err(Error::View)?;
        for c in 0..jb {
            for i in j0 + c + 1..n {
                let l = a.get(i, j0 + c).unwrap_or(T::ZERO);
                wl.set(i, c, l);
                a.set(i, j0 + c, T::ZERO);
            }
        }
        let (left, right) = a.rb().split_cols(end);
        let (_, mut block) = left.split_cols(j0);
        if end < n {
            let w_below = wl
                .as_ref()
                .block(end, 0, n - end, jb)
                .ok_or(Error::WorkTooSmall)?;
            gemm_sub(&cx, right.as_ref(), w_below, &mut block);
        }
        // block <- block * inv(L_jj) with L_jj unit lower: (L_jj^T) block^T = block^T.
        let ljj: MatRef<'_, T> = wl
            .as_ref()
            .block(j0, 0, jb, jb)
            .ok_or(Error::WorkTooSmall)?;
        trsm(
            &cx,
            Uplo::Upper,
            Diag::Unit,
            ljj.transpose(),
            false,
            &mut block.transpose(),
        );
        end = j0;
    }
    // Undo the row interchanges as column interchanges, last to first.
    let mut at = a.transpose();
    crate::blas::laswp_backward(&mut at, &ipiv[..n], 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lapack::getrf;
    use forklu_testkit::*;

    fn inverse_error(t: &Tuning, n: usize, lwork: usize, seed: u64) -> f64 {
        let a0 = random_matrix(n, n, n, seed);
        let mut a = a0.clone();
        let mut ipiv = vec![0i32; n];
        getrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut ipiv).unwrap();
        let mut work = vec![0.0; lwork];
        getri_with(
            t,
            MatMut::col_major(&mut a, n, n, n).unwrap(),
            &ipiv,
            &mut work,
        )
        .unwrap();
        // || A inv(A) - I ||_1 / (||A||_1 ||inv(A)||_1 n eps)
        let mut ident = vec![0.0; n * n];
        for i in 0..n {
            ident[i + i * n] = 1.0;
        }
        solve_residual(&a0, n, n, &a, &ident, n, n)
    }

    #[test]
    fn inverse_blocked_and_unblocked() {
        let small = Tuning {
            panels: crate::config::Panels::Width(3),
            left_swaps: crate::config::LeftSwaps::AtEndFrom(50),
            lu_leaf: 2,
            short_leaf: 3,
            trsm_block: 3,
            getri_block: 4,
            caches: crate::config::CacheSizes::Given(crate::config::Caches {
                l1d: 2048,
                l2: 16 << 10,
                l3: 64 << 10,
            }),
        };
        for &n in &[1, 2, 3, 4, 5, 8, 9, 31, 64, 65, 130] {
            for lwork in [n, 2 * n, 4 * n + 3, getri_work_len(n)] {
                let r = inverse_error(&small, n, lwork.max(1), n as u64);
                assert!(r < 20.0, "n={n} lwork={lwork} err {r}");
            }
            let r = inverse_error(&Tuning::DEFAULT, n, getri_work_len(n), 3);
            assert!(r < 20.0, "n={n} err {r}");
        }
    }

    /// `||A inv(A) - I||` in every type, blocked and with short workspace.
    fn inverts_in<T: Scalar>(n: usize, lwork: usize) {
        use crate::scalar::testing::{matrix, solve_residual};
        let a0 = matrix::<T>(n, n, n, n as u64);
        let mut a = a0.clone();
        let mut ipiv = vec![0i32; n];
        getrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut ipiv).unwrap();
        let mut work = vec![T::ZERO; lwork.max(1)];
        getri(
            MatMut::col_major(&mut a, n, n, n).unwrap(),
            &ipiv,
            &mut work,
        )
        .unwrap();
        let mut ident = vec![T::ZERO; n * n];
        for i in 0..n {
            ident[i + i * n] = T::ONE;
        }
        let r = solve_residual(&a0, n, 0, &a, &ident, n);
        assert!(
            r < 20.0,
            "{} n={n} lwork={lwork}: {r}",
            core::any::type_name::<T>()
        );
    }

    #[test]
    fn every_type_inverts() {
        for n in [1, 5, 64, 65, 130] {
            for lwork in [n, getri_work_len(n)] {
                inverts_in::<f32>(n, lwork);
                inverts_in::<crate::C32>(n, lwork);
                inverts_in::<crate::C64>(n, lwork);
            }
        }
    }

    #[test]
    fn singular_and_small_work() {
        let mut a = [1.0, 2.0, 2.0, 4.0];
        let mut ipiv = [0i32; 2];
        let _ = getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv);
        let before = a;
        let mut work = [0.0; 2];
        assert_eq!(
            getri(
                MatMut::col_major(&mut a, 2, 2, 2).unwrap(),
                &ipiv,
                &mut work
            ),
            Err(Error::Singular(2))
        );
        assert_eq!(a, before);
        assert_eq!(
            getri(
                MatMut::col_major(&mut a, 2, 2, 2).unwrap(),
                &ipiv,
                &mut work[..1]
            ),
            Err(Error::WorkTooSmall)
        );
    }
}
