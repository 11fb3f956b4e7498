//! Scaling of a column segment (BLAS `dscal` on one column).

use crate::mat::MatMut;
use crate::scalar::Scalar;

/// `a(i, col) *= alpha` for `i` in `from..rows`; nothing when `col >= cols`.
#[inline]
pub fn scal_col<T: Scalar>(a: &mut MatMut<'_, T>, col: usize, from: usize, alpha: T) {
    if col >= a.cols() {
        return;
    }
    for i in from..a.rows() {
        // SAFETY: i < rows and col < cols.
        unsafe {
            let x = a.ptr_at(i, col);
            *x = *x * alpha;
        }
    }
}
