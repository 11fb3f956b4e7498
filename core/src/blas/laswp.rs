//! Row interchanges from a pivot vector (LAPACK `dlaswp`).

use crate::config::{ALIASING_STRIDE, LASWP_COLUMN_BLOCK};
use crate::mat::MatMut;
use crate::pivot::Pivot;

/// For `i` in `0..ipiv.len()` in order, swaps row `i` with row `ipiv[i] - 1 - offset`.
///
/// Callers guarantee every target row lies in `0..rows` (pivots from `getrf`, or
/// checked with `pivot::check_range`). Columns go in blocks so the swapped rows of
/// a block stay in cache.
pub fn laswp<P: Pivot>(a: &mut MatMut<'_>, ipiv: &[P], offset: usize) {
    swap_blocks(a, ipiv, offset, false);
}

/// As [`laswp`] with the pivots applied last to first (undoes it).
pub fn laswp_backward<P: Pivot>(a: &mut MatMut<'_>, ipiv: &[P], offset: usize) {
    swap_blocks(a, ipiv, offset, true);
}

fn swap_blocks<P: Pivot>(a: &mut MatMut<'_>, ipiv: &[P], offset: usize, backward: bool) {
    let (rows, cols) = (a.rows(), a.cols());
    let target = |i: usize| ipiv[i].row().map_or(i, |r| r - 1 - offset);
    let steps = ipiv.len().min(rows);
    // A column stride that is a multiple of 4 KiB puts a whole block's columns in one L1
    // set, more lines than it holds: swap one contiguous column at a time then.
    if a.row_stride() == 1
        && a.col_stride()
            .is_multiple_of(ALIASING_STRIDE / core::mem::size_of::<f64>())
    {
        for j in 0..cols {
            let Some(col) = a.col_mut(j) else { break };
            for step in 0..steps {
                let i = if backward { steps - 1 - step } else { step };
                let p = target(i);
                if p != i && p < rows {
                    col.swap(i, p);
                }
            }
        }
        return;
    }
    let mut j0 = 0;
    while j0 < cols {
        let j1 = (j0 + LASWP_COLUMN_BLOCK).min(cols);
        for step in 0..ipiv.len().min(rows) {
            let i = if backward {
                ipiv.len().min(rows) - 1 - step
            } else {
                step
            };
            let p = target(i);
            debug_assert!(p < rows);
            if p != i && p < rows {
                for j in j0..j1 {
                    // SAFETY: i, p < rows, j < cols, and i != p so the elements differ.
                    unsafe { core::ptr::swap(a.ptr_at(i, j), a.ptr_at(p, j)) };
                }
            }
        }
        j0 = j1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_then_backward_is_identity() {
        let orig: [f64; 40] = core::array::from_fn(|k| k as f64);
        let mut d = orig;
        let ipiv = [3i32, 2, 4, 4];
        let mut a = MatMut::col_major(&mut d, 4, 10, 4).unwrap();
        laswp(&mut a, &ipiv, 0);
        assert_eq!(a.get(0, 0), Some(2.0), "row 0 took row 2");
        assert_eq!(
            a.get(2, 0),
            Some(3.0),
            "row 2 took the old row 0, then row 3"
        );
        laswp_backward(&mut a, &ipiv, 0);
        assert_eq!(d, orig);
    }

    /// A 1 x 1 view with a huge (unused) column stride: the aliasing test must not
    /// overflow (found by fuzzing `getri`, ffi/fuzz/regressions/rust_api).
    #[test]
    fn huge_unused_stride() {
        let mut d = [3.0];
        let mut a = MatMut::strided(&mut d, 1, 1, 1, usize::MAX / 2).unwrap();
        laswp(&mut a, &[1i64], 0);
        assert_eq!(d, [3.0]);
    }
}
