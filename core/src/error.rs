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
    /// The operands' shapes do not fit together (a product's inner dimensions, say).
    ShapeMismatch,
}

impl From<MatError> for Error {
    fn from(e: MatError) -> Self {
        Error::View(e)
    }
}

impl core::fmt::Display for MatError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            MatError::TooShort => "the slice is shorter than the matrix it would hold",
            MatError::Overflow => "the matrix's extent overflows the address space",
            MatError::Overlap => "two elements of a mutable matrix would share storage",
        })
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Singular(i) => write!(f, "U({i}, {i}) is exactly zero"),
            Error::View(e) => write!(f, "bad matrix view: {e}"),
            Error::PivotsTooShort => f.write_str("the pivot slice is too short"),
            Error::PivotOutOfRange => f.write_str("a pivot entry names a row outside the matrix"),
            Error::TooLarge => f.write_str("a dimension does not fit the pivot integer type"),
            Error::NotSquare => f.write_str("the matrix is not square"),
            Error::RhsMismatch => f.write_str("the right-hand side's rows do not match A"),
            Error::WorkTooSmall => f.write_str("the workspace is too small"),
            Error::ShapeMismatch => f.write_str("the operands' shapes do not fit together"),
        }
    }
}

impl core::error::Error for MatError {}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Error::View(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_display_and_chain() {
        let e = Error::View(MatError::Overlap);
        assert_eq!(
            e.to_string(),
            "bad matrix view: two elements of a mutable matrix would share storage"
        );
        let source = core::error::Error::source(&e).map(|s| s.to_string());
        assert_eq!(source.as_deref(), Some(&*MatError::Overlap.to_string()));
        assert_eq!(Error::Singular(3).to_string(), "U(3, 3) is exactly zero");
    }
}
