//! Factor and solve in one call (LAPACK `?gesv`).

use super::{Trans, getrf, getrs};
use crate::Error;
use crate::mat::MatMut;
use crate::pivot::Pivot;
use crate::scalar::Scalar;

/// Solves `A X = B`: `A` (`n x n`) is overwritten by its LU factors, `B` (`n x nrhs`)
/// by `X`. When `U` is exactly singular the factors are kept, `B` is left as it was
/// and `Err(Singular(i))` is returned, as LAPACK does.
///
/// ```
/// use forklu::{MatMut, lapack::gesv};
/// let mut a = [4.0, 0.0, 0.0, 2.0];
/// let mut b = [8.0, 2.0];
/// let mut ipiv = [0i32; 2];
/// gesv(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv,
///      MatMut::col_major(&mut b, 2, 1, 2).unwrap()).unwrap();
/// assert_eq!(b, [2.0, 1.0]);
/// ```
pub fn gesv<T: Scalar, P: Pivot>(
    mut a: MatMut<'_, T>,
    ipiv: &mut [P],
    b: MatMut<'_, T>,
) -> Result<(), Error> {
    if a.rows() != a.cols() {
        return Err(Error::NotSquare);
    }
    if b.rows() != a.rows() {
        return Err(Error::RhsMismatch);
    }
    getrf(a.rb(), ipiv)?;
    getrs(Trans::No, a.as_ref(), ipiv, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use forklu_testkit::*;

    #[test]
    fn singular_keeps_b() {
        let mut a = [1.0, 2.0, 2.0, 4.0];
        let mut b = [1.0, 1.0];
        let mut ipiv = [0i32; 2];
        let r = gesv(
            MatMut::col_major(&mut a, 2, 2, 2).unwrap(),
            &mut ipiv,
            MatMut::col_major(&mut b, 2, 1, 2).unwrap(),
        );
        assert_eq!(r, Err(Error::Singular(2)));
        assert_eq!(b, [1.0, 1.0]);
    }

    #[test]
    fn many_right_hand_sides() {
        let n = 90;
        let a0 = random_matrix(n, n, n, 21);
        let b0 = random_matrix(n, 70, n, 22);
        let (mut a, mut x) = (a0.clone(), b0.clone());
        let mut ipiv = vec![0i64; n];
        gesv(
            MatMut::col_major(&mut a, n, n, n).unwrap(),
            &mut ipiv,
            MatMut::col_major(&mut x, n, 70, n).unwrap(),
        )
        .unwrap();
        assert!(solve_residual(&a0, n, n, &x, &b0, n, 70) < 10.0);
    }
}
