//! Integer types that can hold LAPACK pivots, so C callers' `int` and `int64_t`
//! arrays are written in place with no conversion buffer.

mod sealed {
    pub trait Sealed {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
}

/// A pivot entry: stores a 1-based row number, as LAPACK does.
pub trait Pivot: Copy + Send + Sync + sealed::Sealed {
    /// Largest row number this type can store.
    const MAX_ROW: usize;
    /// The entry for 1-based row `row` (`row <= MAX_ROW`, checked by callers).
    fn from_row(row: usize) -> Self;
    /// The 1-based row this entry names, or `None` when it is below 1.
    fn row(self) -> Option<usize>;
}

impl Pivot for i32 {
    const MAX_ROW: usize = i32::MAX as usize;
    #[inline]
    fn from_row(row: usize) -> Self {
        row as i32
    }
    #[inline]
    fn row(self) -> Option<usize> {
        if self >= 1 { Some(self as usize) } else { None }
    }
}

impl Pivot for i64 {
    const MAX_ROW: usize = if (i64::MAX as u64) < usize::MAX as u64 {
        i64::MAX as usize
    } else {
        usize::MAX
    };
    #[inline]
    fn from_row(row: usize) -> Self {
        row as i64
    }
    #[inline]
    fn row(self) -> Option<usize> {
        if self >= 1 {
            usize::try_from(self).ok()
        } else {
            None
        }
    }
}

/// Checks that the first `k` pivots each name a row in `1..=n`.
pub(crate) fn check_range<P: Pivot>(ipiv: &[P], k: usize, n: usize) -> Result<(), crate::Error> {
    if ipiv.len() < k {
        return Err(crate::Error::PivotsTooShort);
    }
    if ipiv[..k].iter().all(|p| p.row().is_some_and(|r| r <= n)) {
        Ok(())
    } else {
        Err(crate::Error::PivotOutOfRange)
    }
}
