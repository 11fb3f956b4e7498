//! Every conversion from C pointers and integers to Rust values lives here.

use crate::element::Element;
use forklu::Pivot;
use forklu::{MatMut, MatRef};

/// The LAPACK integer widths: `int` (LP64) and `int64_t` (ILP64).
pub trait Int: Pivot {
    fn to_i64(self) -> i64;
    fn from_i64(v: i64) -> Self;
}

impl Int for i32 {
    fn to_i64(self) -> i64 {
        self.into()
    }
    fn from_i64(v: i64) -> Self {
        v.clamp(i32::MIN.into(), i32::MAX.into()) as i32
    }
}

impl Int for i64 {
    fn to_i64(self) -> i64 {
        self
    }
    fn from_i64(v: i64) -> Self {
        v
    }
}

/// Storage order of a matrix in the LAPACKE-style API.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    ColMajor,
    RowMajor,
}

/// Row-major storage (same value as `LAPACK_ROW_MAJOR`).
pub const FORKLU_ROW_MAJOR: i32 = 101;
/// Column-major storage (same value as `LAPACK_COL_MAJOR`).
pub const FORKLU_COL_MAJOR: i32 = 102;

impl Layout {
    /// The layout a C caller names with `FORKLU_ROW_MAJOR` or `FORKLU_COL_MAJOR`.
    pub fn from_c(v: i32) -> Option<Layout> {
        match v {
            FORKLU_ROW_MAJOR => Some(Layout::RowMajor),
            FORKLU_COL_MAJOR => Some(Layout::ColMajor),
            _ => None,
        }
    }
}

/// Reads a scalar argument passed by pointer; `None` for a null pointer.
///
/// # Safety
/// `p` is null or points to a readable `I`.
pub unsafe fn read<I: Int>(p: *const I) -> Option<i64> {
    // SAFETY: the caller passes null or a valid pointer.
    (!p.is_null()).then(|| unsafe { p.read_unaligned() }.to_i64())
}

/// Writes `info` unless the pointer is null.
///
/// # Safety
/// `p` is null or points to a writable `I`.
pub unsafe fn write_info<I: Int>(p: *mut I, info: i64) {
    if !p.is_null() {
        // SAFETY: non-null, and the caller passes a valid pointer.
        unsafe { p.write_unaligned(I::from_i64(info)) };
    }
}

/// Smallest valid leading dimension of a `rows x cols` matrix stored in `layout`:
/// LAPACK's `max(1, rows)` for column-major, LAPACKE's `cols` for row-major.
pub fn min_ld(layout: Layout, rows: i64, cols: i64) -> i64 {
    match layout {
        Layout::ColMajor => rows.max(1),
        Layout::RowMajor => cols,
    }
}

/// Number of elements of `size` bytes the matrix spans, or `None` when it overflows
/// the address space.
fn span(layout: Layout, rows: usize, cols: usize, ld: usize, size: usize) -> Option<usize> {
    if rows == 0 || cols == 0 {
        return Some(0);
    }
    let (lines, len) = match layout {
        Layout::ColMajor => (cols, rows),
        Layout::RowMajor => (rows, cols),
    };
    ld.checked_mul(lines - 1)?
        .checked_add(len)
        .filter(|&s| s <= isize::MAX as usize / size)
}

/// Mutable view of a caller's matrix; `None` when it is null (with elements) or its
/// span overflows. Dimensions are already checked non-negative and `ld >= min_ld`.
///
/// # Safety
/// `a` points to the caller's matrix of `rows x cols` with leading dimension `ld`,
/// valid for reads and writes and not aliased for the returned lifetime.
pub unsafe fn matrix_mut<'a, T: Element>(
    layout: Layout,
    a: *mut T,
    rows: i64,
    cols: i64,
    ld: i64,
) -> Option<MatMut<'a, T>> {
    let (rows, cols, ld) = (
        usize::try_from(rows).ok()?,
        usize::try_from(cols).ok()?,
        usize::try_from(ld).ok()?,
    );
    let len = span(layout, rows, cols, ld, size_of::<T>())?;
    // SAFETY: the caller's matrix covers `len` elements (LAPACK's contract for these
    // dimensions), and `len * size_of::<T>() <= isize::MAX` was checked above.
    let data = unsafe { array_mut(a, len) }?;
    T::view(layout, data, rows, cols, ld)
}

/// Read-only view; as [`matrix_mut`].
///
/// # Safety
/// As [`matrix_mut`], for reads only.
pub unsafe fn matrix_ref<'a, T: Element>(
    layout: Layout,
    a: *const T,
    rows: i64,
    cols: i64,
    ld: i64,
) -> Option<MatRef<'a, T>> {
    // SAFETY: the caller's contract is the same, and the view is only read.
    unsafe { matrix_mut(layout, a.cast_mut(), rows, cols, ld) }.map(MatMut::into_ref)
}

/// The caller's array of `len` entries (pivots, workspace); `None` if null with
/// `len > 0`.
///
/// # Safety
/// `p` is null or points to `len` writable entries, unaliased for the returned lifetime.
pub unsafe fn array_mut<'a, X>(p: *mut X, len: impl TryInto<usize>) -> Option<&'a mut [X]> {
    let len = len.try_into().ok()?;
    match (len, p.is_null()) {
        (0, _) => Some(&mut []),
        (_, true) => None,
        // SAFETY: non-null and `len` entries per the caller's contract.
        _ => Some(unsafe { core::slice::from_raw_parts_mut(p, len) }),
    }
}

/// The caller's read-only array; as [`array_mut`].
///
/// # Safety
/// `p` is null or points to `len` readable entries, not written for the returned lifetime.
pub unsafe fn array_ref<'a, X>(p: *const X, len: impl TryInto<usize>) -> Option<&'a [X]> {
    // SAFETY: the caller's contract is the same, and the slice is only read.
    unsafe { array_mut(p.cast_mut(), len) }.map(|s| &*s)
}

/// Reads the first byte of a Fortran `CHARACTER` argument (the hidden length is
/// not needed and may be absent).
///
/// # Safety
/// `p` is null or points to at least one readable byte.
pub unsafe fn read_char(p: *const core::ffi::c_char) -> Option<u8> {
    // SAFETY: the caller passes null or a valid pointer.
    (!p.is_null()).then(|| unsafe { p.read() } as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_counts_whole_lines_and_stops_at_the_address_space() {
        assert_eq!(span(Layout::ColMajor, 0, 5, 9, 8), Some(0));
        assert_eq!(span(Layout::ColMajor, 3, 4, 5, 8), Some(5 * 3 + 3));
        assert_eq!(span(Layout::RowMajor, 3, 4, 6, 8), Some(6 * 2 + 4));
        let most = isize::MAX as usize / 8;
        assert_eq!(span(Layout::ColMajor, most, 1, most, 8), Some(most));
        assert_eq!(span(Layout::ColMajor, most + 1, 1, most + 1, 8), None);
        // A smaller element fits more of them.
        assert_eq!(
            span(Layout::ColMajor, most + 1, 1, most + 1, 4),
            Some(most + 1)
        );
        assert_eq!(span(Layout::ColMajor, 1, 3, usize::MAX, 8), None);
    }

    #[test]
    fn layouts_and_info_widths() {
        assert!(Layout::from_c(FORKLU_ROW_MAJOR) == Some(Layout::RowMajor));
        assert!(Layout::from_c(FORKLU_COL_MAJOR) == Some(Layout::ColMajor));
        assert!(Layout::from_c(0).is_none());
        assert_eq!(i32::from_i64(i64::MAX), i32::MAX);
        assert_eq!(i32::from_i64(-7), -7);
        assert_eq!(i64::from_i64(i64::MIN), i64::MIN);
    }
}
