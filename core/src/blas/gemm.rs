//! `C <- alpha * A * B + beta * C` (BLAS `dgemm` with no transposes; transpose by view).

use crate::mat::{MatMut, MatRef};

/// `C <- alpha * A * B + beta * C`; `beta == 0` overwrites `C` (NaNs in `C` vanish),
/// as in BLAS. Shapes must agree (`A: m x k`, `B: k x n`, `C: m x n`); a mismatch
/// is a caller bug and leaves `C` untouched in release builds.
///
/// Each `C(i, j)` is accumulated over `k` in increasing order, whatever the
/// shapes around it, so results do not depend on how callers split `C`.
pub fn gemm(alpha: f64, a: MatRef<'_>, b: MatRef<'_>, beta: f64, c: &mut MatMut<'_>) {
    let (m, n, k) = (c.rows(), c.cols(), a.cols());
    debug_assert!(a.rows() == m && b.rows() == k && b.cols() == n);
    if a.rows() != m || b.rows() != k || b.cols() != n {
        return;
    }
    for j in 0..n {
        if beta != 1.0 {
            for i in 0..m {
                // SAFETY: i < m, j < n.
                let cij = unsafe { &mut *c.ptr_at(i, j) };
                *cij = if beta == 0.0 { 0.0 } else { beta * *cij };
            }
        }
        for p in 0..k {
            // SAFETY: p < k, j < n.
            let t = alpha * unsafe { *b.ptr_at(p, j) };
            for i in 0..m {
                // SAFETY: i < m, p < k, j < n; A and C may not alias (C is &mut).
                unsafe { *c.ptr_at(i, j) = *c.ptr_at(i, j) + t * *a.ptr_at(i, p) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_product_with_strides() {
        // A = [[1, 2], [3, 4]] row-major, B = identity, C = ones.
        let a = [1.0, 2.0, 3.0, 4.0];
        let b = [1.0, 0.0, 0.0, 1.0];
        let mut c = [1.0; 4];
        let av = MatRef::row_major(&a, 2, 2, 2).unwrap();
        let bv = MatRef::col_major(&b, 2, 2, 2).unwrap();
        gemm(
            -1.0,
            av,
            bv,
            2.0,
            &mut MatMut::col_major(&mut c, 2, 2, 2).unwrap(),
        );
        assert_eq!(c, [1.0, -1.0, 0.0, -2.0]);
    }
}
