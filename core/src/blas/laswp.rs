//! Row interchanges from a pivot vector (LAPACK `?laswp`).

use crate::config::{L1_WAY_BYTES, LASWP_COLUMN_BLOCK};
use crate::mat::MatMut;
use crate::pivot::Pivot;
use crate::scalar::Scalar;

/// For `i` in `0..ipiv.len()` in order, swaps row `i` with row `ipiv[i] - 1 - offset`.
///
/// Callers guarantee every target row lies in `0..rows` (pivots from `getrf`, or
/// checked with `pivot::check_range`). Columns go in blocks so the swapped rows of
/// a block stay in L1.
pub fn laswp<T: Scalar, P: Pivot>(a: &mut MatMut<'_, T>, ipiv: &[P], offset: usize) {
    swap_blocks(a, ipiv, offset, false);
}

/// As [`laswp`] with the pivots applied last to first (undoes it).
pub fn laswp_backward<T: Scalar, P: Pivot>(a: &mut MatMut<'_, T>, ipiv: &[P], offset: usize) {
    swap_blocks(a, ipiv, offset, true);
}

fn swap_blocks<T: Scalar, P: Pivot>(
    a: &mut MatMut<'_, T>,
    ipiv: &[P],
    offset: usize,
    backward: bool,
) {
    // Contiguous columns: blocks sized to the stride's L1 sets, the narrow ones unrolled.
    let unit_rows = a.row_stride() == 1;
    let block = if unit_rows {
        column_block::<T>(a.col_stride())
    } else {
        LASWP_COLUMN_BLOCK
    };
    match block {
        4 if unit_rows => return contiguous::<4, T, P>(a, ipiv, offset, backward),
        8 if unit_rows => return contiguous::<8, T, P>(a, ipiv, offset, backward),
        _ => {}
    }
    let (rows, cols) = (a.rows(), a.cols());
    let steps = ipiv.len().min(rows);
    let mut j0 = 0;
    while j0 < cols {
        let j1 = (j0 + block).min(cols);
        for step in 0..steps {
            let i = if backward { steps - 1 - step } else { step };
            let p = target(ipiv, i, offset);
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

/// The 0-based row that row `i` is swapped with.
#[inline(always)]
fn target<P: Pivot>(ipiv: &[P], i: usize, offset: usize) -> usize {
    ipiv[i].row().map_or(i, |r| r - 1 - offset)
}

/// [`swap_blocks`] for contiguous columns in the narrow blocks of strides that share
/// L1 sets: `B` columns at a time, unrolled, the rows addressed by offset from one
/// column pointer (16-column blocks gained nothing this way and keep the generic loop;
/// see `bench/results/tuning.md`).
fn contiguous<const B: usize, T: Scalar, P: Pivot>(
    a: &mut MatMut<'_, T>,
    ipiv: &[P],
    offset: usize,
    backward: bool,
) {
    let (rows, cols, cs) = (a.rows(), a.cols(), a.col_stride());
    let steps = ipiv.len().min(rows);
    if steps == 0 || cols == 0 {
        return;
    }
    let mut j0 = 0;
    while j0 < cols {
        let width = B.min(cols - j0);
        // SAFETY: (0, j0) is inside the view (rows > 0 as steps > 0, j0 < cols).
        let col = unsafe { a.ptr_at(0, j0) };
        for step in 0..steps {
            let i = if backward { steps - 1 - step } else { step };
            let p = target(ipiv, i, offset);
            debug_assert!(p < rows);
            if p == i || p >= rows {
                continue;
            }
            // Rows i, p < rows of columns j0 + j < cols with unit row stride, so
            // `col + row + j cs` is element (row, j0 + j), and i != p.
            if width == B {
                for j in 0..B {
                    // SAFETY: as said above the branch; j < B = width.
                    unsafe { core::ptr::swap(col.add(i + j * cs), col.add(p + j * cs)) };
                }
            } else {
                for j in 0..width {
                    // SAFETY: as said above the branch; j < width.
                    unsafe { core::ptr::swap(col.add(i + j * cs), col.add(p + j * cs)) };
                }
            }
        }
        j0 += width;
    }
}

/// Columns to swap together when columns are `col_stride` elements apart: at most
/// [`LASWP_COLUMN_BLOCK`], and few enough that one row's lines in the block share no
/// L1 set more than 4 ways deep, so both rows of a swap stay in an 8-way L1. A stride
/// of 512 `f64` (4 KiB) puts every column's line of a row in the same set: 4 columns.
fn column_block<T>(col_stride: usize) -> usize {
    let sets_apart = L1_WAY_BYTES / size_of::<T>();
    let period = sets_apart >> col_stride.trailing_zeros().min(sets_apart.trailing_zeros());
    (4 * period).min(LASWP_COLUMN_BLOCK)
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

    #[test]
    fn column_blocks_narrow_for_strides_that_share_l1_sets() {
        assert_eq!(column_block::<f64>(512), 4);
        assert_eq!(column_block::<f64>(1536), 4);
        assert_eq!(column_block::<f64>(256), 8);
        assert_eq!(column_block::<f64>(128), 16);
        assert_eq!(column_block::<f64>(1000), 16);
        assert_eq!(column_block::<f64>(0), 4);
    }

    /// Swaps with every column block width (and a last, narrower block) give the same
    /// matrix as one column at a time, and the backward pass undoes them.
    #[test]
    fn every_stride_swaps_the_same_rows() {
        for lda in [7usize, 128, 256, 512] {
            let (m, n) = (7, 43);
            let mut d: Vec<f64> = (0..lda * n).map(|k| k as f64).collect();
            let orig = d.clone();
            let ipiv = [3i32, 3, 5, 7, 5, 7, 7]; // chained swaps: order matters
            laswp(&mut MatMut::col_major(&mut d, m, n, lda).unwrap(), &ipiv, 0);
            for j in 0..n {
                let mut col: Vec<f64> = orig[j * lda..j * lda + m].to_vec();
                for (i, &p) in ipiv.iter().enumerate() {
                    col.swap(i, p as usize - 1);
                }
                assert_eq!(&d[j * lda..j * lda + m], &col[..], "lda {lda} column {j}");
                assert_eq!(
                    &d[j * lda + m..(j * lda + lda).min(lda * n)],
                    &orig[j * lda + m..(j * lda + lda).min(lda * n)]
                );
            }
            laswp_backward(&mut MatMut::col_major(&mut d, m, n, lda).unwrap(), &ipiv, 0);
            assert_eq!(d, orig, "lda {lda}: backward undoes forward");
        }
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
