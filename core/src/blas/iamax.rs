//! Index of the first entry of largest magnitude (BLAS `i?amax`).

use crate::config::{IAMAX_LANED_FROM, IAMAX_LANES};
use crate::mat::MatRef;
use crate::scalar::Scalar;

/// 0-based row of the first largest `|x(i, col)|` (`|re| + |im|` for complex, as
/// BLAS `izamax`), `i` in `from..rows`.
///
/// Follows reference BLAS: a NaN never compares greater, so NaNs are skipped unless
/// the first entry is one. Returns `from` for an empty range.
///
/// Always inlined, so `getf2`'s AVX-512 build vectorizes it eight lanes wide.
#[inline(always)]
pub fn iamax<T: Scalar>(a: MatRef<'_, T>, col: usize, from: usize) -> usize {
    if let Some(x) = a.col(col).and_then(|c| c.get(from..))
        && x.len() >= LANED_FROM
    {
        return from + first_max(x);
    }
    let mut best = from;
    let Some(mut max) = a.get(from, col).map(T::abs1) else {
        return from;
    };
    for i in from + 1..a.rows() {
        // SAFETY: i < rows, and col < cols because (from, col) was inside the view.
        let v = unsafe { *a.ptr_at(i, col) }.abs1();
        if v > max {
            max = v;
            best = i;
        }
    }
    best
}

const LANES: usize = IAMAX_LANES;
const LANED_FROM: usize = IAMAX_LANED_FROM;

/// [`iamax`] on a contiguous column, in `LANES` interleaved running maxima (each the
/// first of its lane, by a strict `>`) merged at the end: the largest wins, a tie goes to
/// the smaller index. That is the first largest entry, with the same NaN rule, and the
/// loop has no branch, so it vectorizes.
#[inline(always)]
fn first_max<T: Scalar>(x: &[T]) -> usize {
    let Some(first) = x.first().map(|v| v.abs1()) else {
        return 0;
    };
    let mut max = [first; LANES];
    let mut at = [0u64; LANES];
    let chunks = x[1..].chunks_exact(LANES);
    let tail = chunks.remainder();
    for (c, chunk) in chunks.enumerate() {
        let base = (1 + c * LANES) as u64;
        for l in 0..LANES {
            let v = chunk[l].abs1();
            let better = v > max[l];
            max[l] = if better { v } else { max[l] };
            at[l] = if better { base + l as u64 } else { at[l] };
        }
    }
    let (mut best_max, mut best) = (first, 0u64);
    for l in 0..LANES {
        if max[l] > best_max || (max[l] == best_max && at[l] < best) {
            (best_max, best) = (max[l], at[l]);
        }
    }
    let mut best = best as usize;
    let start = x.len() - tail.len();
    for (i, v) in tail.iter().enumerate() {
        if v.abs1() > best_max {
            (best_max, best) = (v.abs1(), start + i);
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

    /// The lane-parallel search agrees with the plain scan, ties and NaNs included.
    #[test]
    fn lanes_agree_with_a_plain_scan() {
        let plain = |x: &[f64]| {
            let mut best = 0;
            for i in 1..x.len() {
                if x[i].abs() > x[best].abs() {
                    best = i;
                }
            }
            best
        };
        let mut s = 7u64;
        for len in [1usize, 2, 8, 9, 16, 17, 40, 63, 64, 65, 100, 203] {
            for trial in 0..200 {
                let x: Vec<f64> = (0..len)
                    .map(|_| {
                        s = s
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        match (s >> 60) % 8 {
                            0 => f64::NAN,
                            1 if trial % 2 == 0 => 5.0,
                            2 => -5.0,
                            _ => ((s >> 20) % 7) as f64 - 3.0,
                        }
                    })
                    .collect();
                let a = MatRef::col_major(&x, len, 1, len).unwrap();
                assert_eq!(iamax(a, 0, 0), plain(&x), "{x:?}");
            }
        }
    }
}
