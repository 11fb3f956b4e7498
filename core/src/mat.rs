//! Strided matrix views: element `(i, j)` lives at `ptr + i * rs + j * cs`.
//!
//! Column-major storage with leading dimension `ld` is `rs = 1, cs = ld`; row-major
//! is `rs = ld, cs = 1`; a transpose swaps the strides. Views are only built by
//! checked constructors, so every `(i, j)` with `i < rows`, `j < cols` addresses an
//! element of the borrowed slice, and in a [`MatMut`] no two such elements share storage.

use crate::error::MatError;
use crate::scalar::Scalar;
use core::marker::PhantomData;

/// Shape and strides, checked once against a slice length.
#[derive(Clone, Copy, Debug)]
struct Layout {
    rows: usize,
    cols: usize,
    rs: usize,
    cs: usize,
}

impl Layout {
    /// The same view with the strides it never steps by made harmless, so that no
    /// offset computed from them can overflow or point outside the data: an empty view
    /// gets `rs = 1, cs = 0`, a single row `rs = 1`, a single column `cs = 1`.
    fn canonical(mut self) -> Self {
        if self.rows == 0 || self.cols == 0 {
            (self.rs, self.cs) = (1, 0);
        } else {
            if self.rows == 1 {
                self.rs = 1;
            }
            if self.cols == 1 {
                self.cs = 1;
            }
        }
        self
    }

    /// The offset and layout of the `rows x cols` block at `(i, j)`, which the caller
    /// has checked to fit. An empty block starts at offset 0: no pointer is ever formed
    /// one row or column past the data, which may lie outside the borrowed slice.
    fn sub(self, i: usize, j: usize, rows: usize, cols: usize) -> (usize, Layout) {
        let l = Layout { rows, cols, ..self }.canonical();
        if rows == 0 || cols == 0 {
            (0, l)
        } else {
            // (i, j) is an element of the checked layout, so this neither overflows
            // nor leaves the data.
            (i * self.rs + j * self.cs, l)
        }
    }

    /// Rows and columns swapped.
    fn transposed(self) -> Layout {
        Layout {
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
        }
        .canonical()
    }

    /// Checks that the layout fits in `len` elements and that the offsets fit `isize`.
    fn check(self, len: usize, elem: usize, distinct: bool) -> Result<Self, MatError> {
        let l = self.canonical();
        if l.rows == 0 || l.cols == 0 {
            return Ok(l);
        }
        let last = (l.rows - 1)
            .checked_mul(l.rs)
            .and_then(|r| {
                (l.cols - 1)
                    .checked_mul(l.cs)
                    .and_then(|c| c.checked_add(r))
            })
            .filter(|&last| last < isize::MAX as usize / elem)
            .ok_or(MatError::Overflow)?;
        if last >= len {
            return Err(MatError::TooShort);
        }
        if distinct && !l.elements_distinct() {
            return Err(MatError::Overlap);
        }
        Ok(l)
    }

    /// True when the strides nest: one direction steps over a whole line of the other.
    fn elements_distinct(self) -> bool {
        let rows_fit = self.rows == 1 || self.rs >= 1;
        let cols_fit = self.cols == 1 || self.cs >= 1;
        let col_major = self.cols == 1 || self.cs >= self.rows.saturating_mul(self.rs).max(1);
        let row_major = self.rows == 1 || self.rs >= self.cols.saturating_mul(self.cs).max(1);
        rows_fit && cols_fit && (col_major || row_major)
    }
}

/// A read-only strided view of an `rows x cols` matrix of `T` (`f64` unless said).
#[derive(Debug)]
pub struct MatRef<'a, T = f64> {
    ptr: *const T,
    l: Layout,
    _borrow: PhantomData<&'a [T]>,
}

impl<T> Clone for MatRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for MatRef<'_, T> {}

/// A mutable strided view; its elements are pairwise distinct.
#[derive(Debug)]
pub struct MatMut<'a, T = f64> {
    ptr: *mut T,
    l: Layout,
    _borrow: PhantomData<&'a mut [T]>,
}

// SAFETY: a view is a borrow of `[T]`; it is Send/Sync exactly as `&[T]`/`&mut [T]` are
// (every `Scalar` is Send + Sync).
unsafe impl<T: Sync> Send for MatRef<'_, T> {}
// SAFETY: as above, shared views only read.
unsafe impl<T: Sync> Sync for MatRef<'_, T> {}
// SAFETY: a `MatMut` is an exclusive borrow, like `&mut [T]`.
unsafe impl<T: Send> Send for MatMut<'_, T> {}

impl<'a, T: Scalar> MatRef<'a, T> {
    /// Views `data` with general strides.
    pub fn strided(
        data: &'a [T],
        rows: usize,
        cols: usize,
        rs: usize,
        cs: usize,
    ) -> Result<Self, MatError> {
        let l = Layout { rows, cols, rs, cs }.check(data.len(), size_of::<T>(), false)?;
        Ok(Self {
            ptr: data.as_ptr(),
            l,
            _borrow: PhantomData,
        })
    }

    /// Views column-major `data` with leading dimension `ld >= rows`.
    pub fn col_major(data: &'a [T], rows: usize, cols: usize, ld: usize) -> Result<Self, MatError> {
        if ld < rows {
            return Err(MatError::Overlap);
        }
        Self::strided(data, rows, cols, 1, ld)
    }

    /// Views row-major `data` with leading dimension `ld >= cols`.
    pub fn row_major(data: &'a [T], rows: usize, cols: usize, ld: usize) -> Result<Self, MatError> {
        if ld < cols {
            return Err(MatError::Overlap);
        }
        Self::strided(data, rows, cols, ld, 1)
    }

    pub fn rows(&self) -> usize {
        self.l.rows
    }
    pub fn cols(&self) -> usize {
        self.l.cols
    }
    pub fn row_stride(&self) -> usize {
        self.l.rs
    }
    pub fn col_stride(&self) -> usize {
        self.l.cs
    }

    /// Element `(i, j)`, or `None` outside the view.
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        // SAFETY: the indices are checked against the view's shape.
        (i < self.l.rows && j < self.l.cols).then(|| unsafe { *self.ptr_at(i, j) })
    }

    /// Pointer to `(i, j)`.
    ///
    /// # Safety
    /// `i <= rows` and `j <= cols` (one past the end is allowed for pointer arithmetic
    /// only); the pointer may only be read for `i < rows`, `j < cols`.
    #[inline(always)]
    pub unsafe fn ptr_at(&self, i: usize, j: usize) -> *const T {
        // SAFETY: the caller keeps (i, j) within the checked layout.
        unsafe { self.ptr.add(i * self.l.rs + j * self.l.cs) }
    }

    /// Column `j` as a slice when its elements are contiguous (`row_stride() == 1`).
    pub fn col(&self, j: usize) -> Option<&'a [T]> {
        (self.l.rs == 1 && j < self.l.cols).then(|| {
            // SAFETY: rows elements from (0, j) are in the checked layout and contiguous.
            unsafe { core::slice::from_raw_parts(self.ptr_at(0, j), self.l.rows) }
        })
    }

    /// The transposed view (no data moves).
    pub fn transpose(self) -> MatRef<'a, T> {
        let l = self.l.transposed();
        MatRef {
            ptr: self.ptr,
            l,
            _borrow: PhantomData,
        }
    }

    /// The `rows x cols` block starting at `(i, j)`; `None` if it does not fit.
    pub fn block(self, i: usize, j: usize, rows: usize, cols: usize) -> Option<MatRef<'a, T>> {
        if i.checked_add(rows)? > self.l.rows || j.checked_add(cols)? > self.l.cols {
            return None;
        }
        let (offset, l) = self.l.sub(i, j, rows, cols);
        // SAFETY: `sub` gives the offset of an element of the checked layout, or 0.
        let ptr = unsafe { self.ptr.add(offset) };
        Some(MatRef {
            ptr,
            l,
            _borrow: PhantomData,
        })
    }
}

impl<'a, T: Scalar> MatMut<'a, T> {
    /// Views `data` with general strides; fails if two elements would overlap.
    pub fn strided(
        data: &'a mut [T],
        rows: usize,
        cols: usize,
        rs: usize,
        cs: usize,
    ) -> Result<Self, MatError> {
        let l = Layout { rows, cols, rs, cs }.check(data.len(), size_of::<T>(), true)?;
        Ok(Self {
            ptr: data.as_mut_ptr(),
            l,
            _borrow: PhantomData,
        })
    }

    /// Views column-major `data` with leading dimension `ld >= rows`.
    pub fn col_major(
        data: &'a mut [T],
        rows: usize,
        cols: usize,
        ld: usize,
    ) -> Result<Self, MatError> {
        if ld < rows {
            return Err(MatError::Overlap);
        }
        Self::strided(data, rows, cols, 1, ld)
    }

    /// Views row-major `data` with leading dimension `ld >= cols`.
    pub fn row_major(
        data: &'a mut [T],
        rows: usize,
        cols: usize,
        ld: usize,
    ) -> Result<Self, MatError> {
        if ld < cols {
            return Err(MatError::Overlap);
        }
        Self::strided(data, rows, cols, ld, 1)
    }

    pub fn rows(&self) -> usize {
        self.l.rows
    }
    pub fn cols(&self) -> usize {
        self.l.cols
    }
    pub fn row_stride(&self) -> usize {
        self.l.rs
    }
    pub fn col_stride(&self) -> usize {
        self.l.cs
    }

    /// A shorter-lived mutable view of the same elements.
    pub fn rb(&mut self) -> MatMut<'_, T> {
        MatMut {
            ptr: self.ptr,
            l: self.l,
            _borrow: PhantomData,
        }
    }

    /// A read-only view of the same elements.
    pub fn as_ref(&self) -> MatRef<'_, T> {
        MatRef {
            ptr: self.ptr,
            l: self.l,
            _borrow: PhantomData,
        }
    }

    /// Turns this view into a read-only one with the same lifetime.
    pub fn into_ref(self) -> MatRef<'a, T> {
        MatRef {
            ptr: self.ptr,
            l: self.l,
            _borrow: PhantomData,
        }
    }

    /// Element `(i, j)`, or `None` outside the view.
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        self.as_ref().get(i, j)
    }

    /// Writes element `(i, j)`; returns false (and writes nothing) outside the view.
    pub fn set(&mut self, i: usize, j: usize, v: T) -> bool {
        let inside = i < self.l.rows && j < self.l.cols;
        if inside {
            // SAFETY: the indices are checked against the view's shape.
            unsafe { *self.ptr_at(i, j) = v };
        }
        inside
    }

    /// Pointer to `(i, j)`.
    ///
    /// # Safety
    /// As [`MatRef::ptr_at`]; writes through it need `&mut self` to be held.
    #[inline(always)]
    pub unsafe fn ptr_at(&self, i: usize, j: usize) -> *mut T {
        // SAFETY: the caller keeps (i, j) within the checked layout.
        unsafe { self.ptr.add(i * self.l.rs + j * self.l.cs) }
    }

    /// Column `src` (read) and column `dst` (written), `src != dst`, as slices when
    /// columns are contiguous (`row_stride() == 1`).
    pub fn col_pair(&mut self, src: usize, dst: usize) -> Option<(&[T], &mut [T])> {
        if self.l.rs != 1 || src == dst || src >= self.l.cols || dst >= self.l.cols {
            return None;
        }
        // SAFETY: both columns are inside the checked layout, contiguous (rs == 1), and
        // disjoint because distinct columns of a MatMut never share elements.
        unsafe {
            Some((
                core::slice::from_raw_parts(self.ptr_at(0, src), self.l.rows),
                core::slice::from_raw_parts_mut(self.ptr_at(0, dst), self.l.rows),
            ))
        }
    }

    /// Column `j` as a mutable slice when contiguous (`row_stride() == 1`).
    pub fn col_mut(&mut self, j: usize) -> Option<&mut [T]> {
        (self.l.rs == 1 && j < self.l.cols).then(|| {
            // SAFETY: rows elements from (0, j) are in the checked layout, contiguous, and
            // borrowed mutably through &mut self.
            unsafe { core::slice::from_raw_parts_mut(self.ptr_at(0, j), self.l.rows) }
        })
    }

    /// The transposed view (no data moves).
    pub fn transpose(self) -> MatMut<'a, T> {
        let l = self.l.transposed();
        MatMut {
            ptr: self.ptr,
            l,
            _borrow: PhantomData,
        }
    }

    /// The `rows x cols` block starting at `(i, j)`; `None` if it does not fit.
    pub fn block(self, i: usize, j: usize, rows: usize, cols: usize) -> Option<MatMut<'a, T>> {
        if i.checked_add(rows)? > self.l.rows || j.checked_add(cols)? > self.l.cols {
            return None;
        }
        let (offset, l) = self.l.sub(i, j, rows, cols);
        // SAFETY: `sub` gives the offset of an element of the checked layout, or 0.
        let ptr = unsafe { self.ptr.add(offset) };
        Some(MatMut {
            ptr,
            l,
            _borrow: PhantomData,
        })
    }

    /// Splits into rows `..k` and `k..` (`k` is clamped to `rows`).
    pub fn split_rows(self, k: usize) -> (MatMut<'a, T>, MatMut<'a, T>) {
        let k = k.min(self.l.rows);
        let (rows, cols) = (self.l.rows, self.l.cols);
        let (_, top) = self.l.sub(0, 0, k, cols);
        let (offset, bottom) = self.l.sub(k, 0, rows - k, cols);
        // SAFETY: `sub` gives the offset of an element of the checked layout, or 0.
        let lower = unsafe { self.ptr.add(offset) };
        (
            MatMut {
                ptr: self.ptr,
                l: top,
                _borrow: PhantomData,
            },
            MatMut {
                ptr: lower,
                l: bottom,
                _borrow: PhantomData,
            },
        )
    }

    /// Splits into columns `..k` and `k..` (`k` is clamped to `cols`).
    pub fn split_cols(self, k: usize) -> (MatMut<'a, T>, MatMut<'a, T>) {
        let (l, r) = self.transpose().split_rows(k);
        (l.transpose(), r.transpose())
    }

    /// Swaps rows `i` and `p` over all columns.
    pub(crate) fn swap_rows(&mut self, i: usize, p: usize) {
        debug_assert!(i < self.l.rows && p < self.l.rows);
        if i == p {
            return;
        }
        for j in 0..self.l.cols {
            // SAFETY: i, p < rows and j < cols; distinct elements since i != p.
            unsafe { core::ptr::swap(self.ptr_at(i, j), self.ptr_at(p, j)) };
        }
    }
}

impl Layout {
    /// A complex layout seen as reals, `re` above `im` in each column (twice the rows,
    /// twice the column stride), when the columns are contiguous. The checked complex
    /// layout's offsets, doubled, stay below `isize::MAX` bytes, so nothing overflows.
    fn interleaved(self) -> Option<Layout> {
        (self.rs == 1 || self.rows <= 1).then(|| {
            Layout {
                rows: 2 * self.rows,
                cols: self.cols,
                rs: 1,
                cs: 2 * self.cs,
            }
            .canonical()
        })
    }
}

impl<'a, T: Scalar> MatRef<'a, T> {
    /// The view as real parts: for a real `T` the same view; for a complex `T`, when
    /// its columns are contiguous, the real matrix of twice the rows (`re` above `im`
    /// in each column) that complex products run the real kernels on.
    pub(crate) fn parts(self) -> Option<MatRef<'a, T::Real>> {
        let l = if T::IS_COMPLEX {
            self.l.interleaved()?
        } else {
            self.l
        };
        Some(MatRef {
            ptr: self.ptr.cast(),
            l,
            _borrow: PhantomData,
        })
    }
}

impl<'a, T: Scalar> MatMut<'a, T> {
    /// As [`MatRef::parts`], mutable.
    pub(crate) fn parts(self) -> Option<MatMut<'a, T::Real>> {
        let l = if T::IS_COMPLEX {
            self.l.interleaved()?
        } else {
            self.l
        };
        Some(MatMut {
            ptr: self.ptr.cast(),
            l,
            _borrow: PhantomData,
        })
    }
}

// `parts` reinterprets a `T` as `parts::<T>()` values of `T::Real`: true of the sealed
// four (a complex number is `#[repr(C)]` re, im).
const _: () = {
    use crate::scalar::{C32, C64};
    assert!(size_of::<C64>() == 16 && align_of::<C64>() == 8);
    assert!(size_of::<C32>() == 8 && align_of::<C32>() == 4);
};

/// A mutable view shared by the threads of one parallel call, each of which takes
/// its own column range or row range. The ranges handed out at one time must not
/// overlap.
pub struct Share<'a, T = f64> {
    ptr: *mut T,
    l: Layout,
    _borrow: PhantomData<&'a mut [T]>,
}

// SAFETY: views handed out by `cols` and `rows` and alive at one time share no element
// (their contract), so threads holding them never touch the same one; plain data.
unsafe impl<T: Send> Sync for Share<'_, T> {}

impl<'a, T: Scalar> Share<'a, T> {
    /// Takes the view for the duration of a parallel call.
    pub fn new(m: MatMut<'a, T>) -> Self {
        Self {
            ptr: m.ptr,
            l: m.l,
            _borrow: PhantomData,
        }
    }

    /// Columns `j0..j0 + w` (clamped to the view).
    ///
    /// # Safety
    /// No other view obtained from this share and alive at the same time may cover
    /// any of these columns.
    pub unsafe fn cols(&self, j0: usize, w: usize) -> MatMut<'_, T> {
        let j0 = j0.min(self.l.cols);
        self.part(0, j0, self.l.rows, w.min(self.l.cols - j0))
    }

    /// Rows `i0..i0 + h` (clamped to the view).
    ///
    /// # Safety
    /// No other view obtained from this share and alive at the same time may cover
    /// any of these rows.
    pub unsafe fn rows(&self, i0: usize, h: usize) -> MatMut<'_, T> {
        let i0 = i0.min(self.l.rows);
        self.part(i0, 0, h.min(self.l.rows - i0), self.l.cols)
    }

    /// The block at `(i, j)`, which fits in the view.
    fn part(&self, i: usize, j: usize, rows: usize, cols: usize) -> MatMut<'_, T> {
        let (offset, l) = self.l.sub(i, j, rows, cols);
        // SAFETY: `sub` gives the offset of an element of the checked layout, or 0.
        let ptr = unsafe { self.ptr.add(offset) };
        MatMut {
            ptr,
            l,
            _borrow: PhantomData,
        }
    }

    /// Gives the whole view back once the parallel call is over.
    pub fn into_inner(self) -> MatMut<'a, T> {
        MatMut {
            ptr: self.ptr,
            l: self.l,
            _borrow: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_check_length_and_overlap() {
        let mut d = [0.0; 12];
        assert!(MatMut::col_major(&mut d, 3, 4, 3).is_ok());
        assert_eq!(
            MatMut::col_major(&mut d, 3, 5, 3).unwrap_err(),
            MatError::TooShort
        );
        assert_eq!(
            MatMut::col_major(&mut d, 4, 3, 3).unwrap_err(),
            MatError::Overlap
        );
        assert_eq!(
            MatMut::strided(&mut d, 3, 3, 1, 1).unwrap_err(),
            MatError::Overlap
        );
        assert_eq!(
            MatMut::strided(&mut d, 3, 3, usize::MAX, 1).unwrap_err(),
            MatError::Overflow
        );
        assert!(
            MatRef::strided(&d, 3, 3, 1, 1).is_ok(),
            "shared views may overlap"
        );
        assert!(MatMut::<f64>::col_major(&mut [], 0, 5, 1).is_ok());
        assert!(MatMut::row_major(&mut d, 4, 3, 3).is_ok());
    }

    #[test]
    fn transpose_and_blocks_address_the_same_elements() {
        let mut d: [f64; 12] = core::array::from_fn(|k| k as f64);
        let a = MatMut::col_major(&mut d, 3, 4, 3).unwrap();
        assert_eq!(a.get(2, 1), Some(5.0));
        let t = a.transpose();
        assert_eq!(t.get(1, 2), Some(5.0));
        let (top, bottom) = t.split_rows(1);
        assert_eq!(top.get(0, 2), Some(2.0));
        assert_eq!(bottom.get(0, 2), Some(5.0));
        assert!(bottom.as_ref().block(1, 1, 3, 2).is_none());
        assert_eq!(
            bottom.block(1, 1, 2, 2).unwrap().get(1, 1),
            Some(11.0),
            "t(3, 2) = a(2, 3)"
        );
    }

    #[test]
    fn set_outside_writes_nothing() {
        let mut d = [0.0; 4];
        let mut a = MatMut::col_major(&mut d, 2, 2, 2).unwrap();
        assert!(!a.set(2, 0, 1.0));
        assert!(a.set(1, 1, 7.0));
        assert_eq!(d, [0.0, 0.0, 0.0, 7.0]);
    }

    /// Fuzzing found these (ffi/fuzz/regressions/rust_api): strides a view never steps
    /// by, when huge, overflowed offset arithmetic or pointed past the slice.
    #[test]
    fn unused_huge_strides_are_harmless() {
        let big = usize::MAX / 3;
        let empty = MatRef::<f64>::strided(&[], 0, 5, 1, big).unwrap();
        assert_eq!(empty.col(4), Some(&[][..]));
        assert!(empty.block(0, 5, 0, 0).is_some());
        // Every view, empty parts included, points into its slice or one past its end:
        // addresses are compared as numbers, nothing is read through them.
        let within = |data: &[f64], p: *mut f64| {
            let r = data.as_ptr_range();
            (r.start as usize..=r.end as usize).contains(&(p as usize))
        };
        let mut one = [7.0];
        let mut m = MatMut::strided(&mut one, 1, 1, big, big).unwrap();
        let (top, bottom) = m.rb().split_rows(1);
        assert_eq!((top.rows(), bottom.rows()), (1, 0));
        let below = bottom.ptr;
        let (left, right) = m.rb().split_cols(1);
        assert_eq!((left.cols(), right.cols()), (1, 0));
        let beside = right.ptr;
        assert_eq!(m.col_mut(0), Some(&mut [7.0][..]));
        assert!(within(&one, below) && within(&one, beside));
        // A row-major 2 x 3 with leading dimension 5, in exactly 8 elements: splitting
        // off both rows must not form a pointer 10 elements in, past the slice.
        let mut d = [1.0, 2.0, 3.0, 0.0, 0.0, 4.0, 5.0, 6.0];
        let m = MatMut::row_major(&mut d, 2, 3, 5).unwrap();
        let (top, bottom) = m.split_rows(2);
        assert_eq!((top.get(1, 2), bottom.rows()), (Some(6.0), 0));
        let below = bottom.ptr;
        assert!(within(&d, below));
    }
}
