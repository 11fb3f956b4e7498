//! Inverse of an upper triangular matrix in place (LAPACK `dtrtri`, 'U', 'N').

use crate::Error;
use crate::mat::MatMut;
use crate::scalar::Scalar;

/// Replaces the upper triangle of `a` (`n x n`) by its inverse; the strict lower
/// triangle is neither read nor written. `Err(Singular(i))` for the first exactly-zero
/// `U(i, i)`, checked before anything is written, as LAPACK does.
///
/// Unblocked (`dtrti2`'s column order): level-2 speed, fine for the sizes `getri` is
/// used on; a blocked version is a speed item.
pub fn trtri_upper<T: Scalar>(a: MatMut<'_, T>) -> Result<(), Error> {
    let n = a.rows();
    if a.cols() != n {
        return Err(Error::NotSquare);
    }
    if let Some(i) = (0..n).find(|&i| a.get(i, i) == Some(T::ZERO)) {
        return Err(Error::Singular(i + 1));
    }
    for j in 0..n {
        // SAFETY: j < n for every access below; rows/cols < j < n.
        unsafe {
            let d = a.ptr_at(j, j);
            *d = T::ONE.div(*d);
            let ajj = -*d;
            // x = a(0..j, j) <- T x with T the already inverted leading block (dtrmv).
            for c in 0..j {
                let x = *a.ptr_at(c, j);
                if x != T::ZERO {
                    for i in 0..c {
                        let y = a.ptr_at(i, j);
                        *y = *y + x * *a.ptr_at(i, c);
                    }
                    *a.ptr_at(c, j) = x * *a.ptr_at(c, c);
                }
            }
            for i in 0..j {
                let y = a.ptr_at(i, j);
                *y = *y * ajj;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverts_a_small_upper_triangle_and_leaves_the_lower_alone() {
        let mut u = [2.0, 7.0, 1.0, 4.0]; // [[2, 1], [(7), 4]]
        trtri_upper(MatMut::col_major(&mut u, 2, 2, 2).unwrap()).unwrap();
        assert_eq!(u, [0.5, 7.0, -0.125, 0.25]);
        let mut z = [1.0, 0.0, 5.0, 0.0];
        assert_eq!(
            trtri_upper(MatMut::col_major(&mut z, 2, 2, 2).unwrap()),
            Err(Error::Singular(2))
        );
        assert_eq!(z, [1.0, 0.0, 5.0, 0.0], "nothing written when singular");
    }
}
