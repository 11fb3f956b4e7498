//! Errors are values: an argument error or LAPACK's "singular, but completed".

/// Why a slice could not be viewed as a matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatError {
    /// The slice is shorter than the last element the view would reach.
    TooShort,
    /// `rows * row_stride`-style arithmetic overflows `usize`/`isize`.
    Overflow,
    /// Two distinct elements of a mutable view would share storage
    /// (for column-major: `ld < rows`).
    Overlap,
}

/// What a routine reports instead of a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// `U(i, i)` is exactly zero for the 1-based `i` held here (LAPACK `info = i > 0`).
    /// For `getrf` the factorization was completed; solves and inversion were not done.
    Singular(usize),
    /// A matrix view could not be built.
    View(MatError),
    /// The pivot slice is shorter than `min(m, n)` (or `n`).
    PivotsTooShort,
    /// A pivot entry is outside `1..=n`; using it would touch rows outside the matrix.
    PivotOutOfRange,
    /// A dimension does not fit the pivot integer type.
    TooLarge,
    /// The routine needs a square matrix.
    NotSquare,
    /// The right-hand side has a different number of rows than `A` has columns.
    RhsMismatch,
    /// The workspace is shorter than the minimum the routine documents.
    WorkTooSmall,
}

impl From<MatError> for Error {
    fn from(e: MatError) -> Self {
        Error::View(e)
    }
}
