//! Index of the first entry of largest magnitude (BLAS `idamax`).

use crate::mat::MatRef;

/// 0-based row of the first largest `|x(i, col)|`, `i` in `from..rows`.
///
/// Follows reference BLAS: a NaN never compares greater, so NaNs are skipped unless
/// the first entry is one. Returns `from` for an empty range.
#[inline]
pub fn iamax(a: MatRef<'_>, col: usize, from: usize) -> usize {
    let mut best = from;
    let Some(mut max) = a.get(from, col).map(f64::abs) else {
        return from;
    };
    for i in from + 1..a.rows() {
        // SAFETY: i < rows, and col < cols because (from, col) was inside the view.
        let v = unsafe { *a.ptr_at(i, col) }.abs();
        if v > max {
            max = v;
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_maximum_and_nan_rules() {
        let d = [1.0, -3.0, 3.0, f64::NAN, 2.0];
        let a = MatRef::col_major(&d, 5, 1, 5).unwrap();
        assert_eq!(iamax(a, 0, 0), 1, "ties keep the first");
        assert_eq!(iamax(a, 0, 2), 2);
        assert_eq!(iamax(a, 0, 3), 3, "a leading NaN is kept");
        assert_eq!(iamax(a, 0, 5), 5, "empty range");
    }
}
