//! Scaling of a column segment (BLAS `dscal` on one column).

use crate::mat::MatMut;

/// `a(i, col) *= alpha` for `i` in `from..rows`; nothing when `col >= cols`.
#[inline]
pub fn scal_col(a: &mut MatMut<'_>, col: usize, from: usize, alpha: f64) {
    if col >= a.cols() {
        return;
    }
    for i in from..a.rows() {
        // SAFETY: i < rows and col < cols.
        unsafe { *a.ptr_at(i, col) *= alpha };
    }
}
