//! Unblocked LU with partial pivoting (LAPACK `?getf2`): the leaf of the recursion.

use crate::Error;
use crate::blas::{Kernel, iamax, msub, reals, reals_mut, scal_col, sub_scaled, sub_scaled_two};
use crate::mat::MatMut;
use crate::pivot::Pivot;
use crate::scalar::Scalar;

/// Factors `P A = L U` in place, right-looking, one column at a time.
///
/// `ipiv` gets the first `min(m, n)` pivots (1-based). Returns
/// `Err(Singular(j))` for the first exactly-zero pivot, after finishing.
///
/// ```
/// use forklu::{MatMut, lapack::getf2};
/// let mut a = [0.0, 1.0, 1.0, 0.0];
/// let mut ipiv = [0i64; 2];
/// getf2(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
/// assert_eq!(ipiv, [2, 2]);
/// ```
pub fn getf2<T: Scalar, P: Pivot>(mut a: MatMut<'_, T>, ipiv: &mut [P]) -> Result<(), Error> {
    let k = a.rows().min(a.cols());
    if ipiv.len() < k {
        return Err(Error::PivotsTooShort);
    }
    if a.rows() > P::MAX_ROW {
        return Err(Error::TooLarge);
    }
    match factor(&crate::isa::kernel::<T::Real>(), a.rb(), &mut ipiv[..k]) {
        Some(j) => Err(Error::Singular(j + 1)),
        None => Ok(()),
    }
}

/// The kernel: returns the 0-based column of the first zero pivot. Pivot entries are
/// 1-based row numbers relative to `a`; `ipiv.len() == min(m, n)`.
///
/// The same code is compiled twice: for the baseline CPU, and with AVX2 for the AVX2 and
/// AVX-512 kernel families (one vector build keeps a static program small), so the
/// column updates run four lanes wide there. Rust never fuses a multiply and an add on
/// its own, so both builds round every operation alike and give the same bits.
pub(crate) fn factor<T: Scalar, P: Pivot>(
    kern: &Kernel<T::Real>,
    a: MatMut<'_, T>,
    ipiv: &mut [P],
) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if kern.arch >= crate::arch::Arch::Avx2 {
        // SAFETY: kernels of the AVX2 and AVX-512 families are only handed out when the
        // CPU and OS support AVX2 (every AVX-512 CPU does).
        return unsafe { factor_avx2(a, ipiv) };
    }
    let _ = kern;
    factor_body(a, ipiv)
}

/// [`factor_body`] compiled for AVX2.
///
/// # Safety
/// The CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn factor_avx2<T: Scalar, P: Pivot>(a: MatMut<'_, T>, ipiv: &mut [P]) -> Option<usize> {
    factor_body(a, ipiv)
}

/// Right-looking, two columns a pass where it can: column `j + 1` is updated by column
/// `j` and pivoted first, then every later column gets both updates in one sweep, in
/// the order two rank-1 passes would apply them (a row swap of step `j + 1` moves the
/// rows of column `j`'s multipliers along, so it commutes with step `j`'s update). Each
/// element sees the same operations in the same order as one column at a time: the
/// same bits, with half the sweeps over the trailing columns.
#[inline(always)]
fn factor_body<T: Scalar, P: Pivot>(mut a: MatMut<'_, T>, ipiv: &mut [P]) -> Option<usize> {
    let n = a.cols();
    let k = ipiv.len();
    let mut first_zero = None;
    let mut j = 0;
    while j < k {
        pivot_column(&mut a, j, &mut ipiv[j], &mut first_zero);
        if j + 1 < k {
            rank_one(&mut a, j, j + 1..j + 2);
            pivot_column(&mut a, j + 1, &mut ipiv[j + 1], &mut first_zero);
            rank_two(&mut a, j, j + 2..n);
            j += 2;
        } else {
            rank_one(&mut a, j, j + 1..n);
            j += 1;
        }
    }
    first_zero
}

/// Step `j`'s pivot: the first largest entry of column `j` from row `j`, swapped into
/// row `j` across the whole block, and the multipliers below it (divided by it, or
/// scaled by its inverse when that is safe). A zero pivot is recorded, nothing moved.
#[inline(always)]
fn pivot_column<T: Scalar, P: Pivot>(
    a: &mut MatMut<'_, T>,
    j: usize,
    piv: &mut P,
    first_zero: &mut Option<usize>,
) {
    let m = a.rows();
    let p = iamax(a.as_ref(), j, j);
    *piv = P::from_row(p + 1);
    // SAFETY: p, j < m and j < n.
    let pivot = unsafe { *a.ptr_at(p, j) };
    if pivot != T::ZERO {
        a.swap_rows(j, p);
        if pivot.invertible() {
            scal_col(a, j, j + 1, T::ONE.div(pivot));
        } else {
            for i in j + 1..m {
                // SAFETY: i < m, j < n.
                unsafe {
                    let x = a.ptr_at(i, j);
                    *x = (*x).div(pivot);
                }
            }
        }
    } else if first_zero.is_none() {
        *first_zero = Some(j);
    }
}

/// Step `j`'s update of the columns `cols` (all right of `j`): `A(i, c) -= A(i, j) A(j, c)`
/// for rows `i > j`, each element as [`msub`] rounds it.
#[inline(always)]
fn rank_one<T: Scalar>(a: &mut MatMut<'_, T>, j: usize, cols: core::ops::Range<usize>) {
    let m = a.rows();
    for c in cols {
        // SAFETY: j < m, c < n.
        let u = unsafe { *a.ptr_at(j, c) };
        if let Some((l, col)) = a.col_pair(j, c) {
            if T::IS_COMPLEX {
                sub_scaled(reals_mut(&mut col[j + 1..]), reals(&l[j + 1..]), u);
            } else {
                for (x, &y) in col[j + 1..].iter_mut().zip(&l[j + 1..]) {
                    *x = *x - y * u;
                }
            }
        } else {
            for i in j + 1..m {
                // SAFETY: i < m, c < n, j < n; (i, c) differs from (i, j).
                unsafe {
                    let x = a.ptr_at(i, c);
                    *x = msub(*x, *a.ptr_at(i, j), u);
                }
            }
        }
    }
}

/// Steps `j` and `j + 1`'s updates of the columns `cols` (all right of `j + 1`), with
/// column `j + 1` already updated by step `j` and pivoted: row `j + 1` gets step `j`'s
/// update, then each row below it `x <- msub(msub(x, A(i, j), u0), A(i, j + 1), u1)`.
#[inline(always)]
fn rank_two<T: Scalar>(a: &mut MatMut<'_, T>, j: usize, cols: core::ops::Range<usize>) {
    let m = a.rows();
    let contiguous = a.row_stride() == 1;
    for c in cols {
        // SAFETY: j + 1 < m and c < n; (j + 1, c) differs from (j + 1, j).
        let (u0, u1) = unsafe {
            let u0 = *a.ptr_at(j, c);
            let x = a.ptr_at(j + 1, c);
            *x = msub(*x, *a.ptr_at(j + 1, j), u0);
            (u0, *x)
        };
        if contiguous {
            // SAFETY: unit row stride, so columns j, j + 1 and c are `m` contiguous
            // elements each, inside the view, and pairwise disjoint (c > j + 1).
            let (l0, l1, col) = unsafe {
                (
                    core::slice::from_raw_parts(a.ptr_at(0, j).cast_const(), m),
                    core::slice::from_raw_parts(a.ptr_at(0, j + 1).cast_const(), m),
                    core::slice::from_raw_parts_mut(a.ptr_at(0, c), m),
                )
            };
            if T::IS_COMPLEX {
                let (x, y0, y1) = (&mut col[j + 2..], &l0[j + 2..], &l1[j + 2..]);
                sub_scaled_two(reals_mut(x), reals(y0), u0, reals(y1), u1);
            } else {
                for ((x, &y0), &y1) in col[j + 2..].iter_mut().zip(&l0[j + 2..]).zip(&l1[j + 2..]) {
                    *x = (*x - y0 * u0) - y1 * u1;
                }
            }
        } else {
            for i in j + 2..m {
                // SAFETY: i < m, c < n, j + 1 < n; (i, c) differs from (i, j), (i, j + 1).
                unsafe {
                    let x = a.ptr_at(i, c);
                    *x = msub(msub(*x, *a.ptr_at(i, j), u0), *a.ptr_at(i, j + 1), u1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use forklu_testkit::random_matrix;

    /// One column a pass, as the leaf was written before it took two: the oracle of
    /// `factor_body`'s paired passes.
    fn one_column_at_a_time<T: Scalar>(mut a: MatMut<'_, T>, ipiv: &mut [i32]) -> Option<usize> {
        let n = a.cols();
        let mut first_zero = None;
        for (j, piv) in ipiv.iter_mut().enumerate() {
            pivot_column(&mut a, j, piv, &mut first_zero);
            rank_one(&mut a, j, j + 1..n);
        }
        first_zero
    }

    /// Paired passes give the bits of one column at a time in every type, on
    /// contiguous and strided views, with ties, NaNs, zero and tiny pivots, infinities.
    #[cfg(target_arch = "x86_64")]
    fn pairs_match_single_columns<T: Scalar>() {
        use crate::scalar::Real;
        use crate::scalar::testing::values;
        let shapes = [
            (1, 1),
            (2, 2),
            (5, 3),
            (3, 5),
            (37, 8),
            (8, 37),
            (200, 16),
            (64, 64),
            (203, 9),
            (9, 203),
        ];
        for (s, &(m, n)) in shapes.iter().enumerate() {
            let mut vals = values::<T>(m * n, (m * n + s) as u64);
            if s % 2 == 1 {
                let real = special(random_matrix(m, n, m + 1, (m * n) as u64), m, n, s);
                for (x, v) in vals.iter_mut().enumerate() {
                    *v = T::from_real(T::Real::from_f64(real[x % m + x / m * (m + 1)]));
                }
            }
            // Column-major with a gap row, and every other row of a 2m-row block.
            for (rs, cs) in [(1, m + 1), (2, 2 * m)] {
                let len = rs * (m - 1) + cs * (n - 1) + 1;
                let mut x = vec![T::ZERO; len];
                for (k, &v) in vals.iter().enumerate() {
                    x[rs * (k % m) + cs * (k / m)] = v;
                }
                let mut y = x.clone();
                let (mut px, mut py) = (vec![0i32; m.min(n)], vec![0i32; m.min(n)]);
                let zx = factor_body(MatMut::strided(&mut x, m, n, rs, cs).unwrap(), &mut px);
                let zy =
                    one_column_at_a_time(MatMut::strided(&mut y, m, n, rs, cs).unwrap(), &mut py);
                assert_eq!((zx, &px), (zy, &py), "{m}x{n} rs {rs}");
                let bits = |v: &[T]| -> Vec<(u64, u64)> {
                    v.iter()
                        .map(|e| (e.re().to_f64().to_bits(), e.im().to_f64().to_bits()))
                        .collect()
                };
                assert_eq!(
                    bits(&x),
                    bits(&y),
                    "{} {m}x{n} rs {rs}",
                    core::any::type_name::<T>()
                );
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn paired_passes_give_the_one_column_bits() {
        pairs_match_single_columns::<f64>();
        pairs_match_single_columns::<f32>();
        pairs_match_single_columns::<crate::C64>();
        pairs_match_single_columns::<crate::C32>();
    }

    /// The AVX2 build of the leaf (which the AVX-512 family runs too) rounds exactly as
    /// the baseline one.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn vector_builds_give_the_baseline_bits() {
        let avx2 = crate::arch::Arch::Avx2;
        if crate::arch::kernel_for::<f64>(avx2).is_none() {
            return forklu_testkit::skip(
                "vector_builds_give_the_baseline_bits",
                "this CPU does not support AVX2",
            );
        }
        let shapes = [
            (1, 1),
            (5, 3),
            (37, 8),
            (8, 37),
            (200, 16),
            (64, 64),
            (203, 9),
        ];
        for (s, &(m, n)) in shapes.iter().enumerate() {
            let a0 = special(random_matrix(m, n, m + 1, (m * n) as u64), m, n, s);
            let (mut x, mut y) = (a0.clone(), a0.clone());
            let (mut px, mut py) = (vec![0i32; m.min(n)], vec![0i32; m.min(n)]);
            let zx = factor_body(MatMut::col_major(&mut x, m, n, m + 1).unwrap(), &mut px);
            // SAFETY: the CPU supports AVX2 (checked above).
            let zy =
                unsafe { factor_avx2(MatMut::col_major(&mut y, m, n, m + 1).unwrap(), &mut py) };
            assert_eq!((zx, &px), (zy, &py), "avx2 m={m} n={n}");
            assert!(
                x.iter().zip(&y).all(|(a, b)| a.to_bits() == b.to_bits()),
                "avx2 m={m} n={n}"
            );
            // The complex leaf (its updates on the interleaved parts) alike, NaNs as NaNs.
            let c0: Vec<crate::C64> = (0..a0.len())
                .map(|x| crate::C64::new(a0[x], a0[(7 * x + 3) % a0.len()]))
                .collect();
            let run = |f: unsafe fn(MatMut<'_, crate::C64>, &mut [i32]) -> Option<usize>| {
                let (mut c, mut p) = (c0.clone(), vec![0i32; m.min(n)]);
                // SAFETY: only builds this CPU supports are passed (checked above).
                let z = unsafe { f(MatMut::col_major(&mut c, m, n, m + 1).unwrap(), &mut p) };
                // NaN payloads are not compared: Rust leaves them unspecified, and the
                // builds order a commutative add's operands differently.
                let b = |x: f64| if x.is_nan() { u64::MAX } else { x.to_bits() };
                let bits: Vec<(u64, u64)> = c.iter().map(|v| (b(v.re), b(v.im))).collect();
                (z, p, bits)
            };
            assert_eq!(
                run(factor_body),
                run(factor_avx2),
                "complex avx2 m={m} n={n}"
            );
        }
    }

    /// Variant `s` of a random `m x n` matrix (column stride `m + 1`) with values that
    /// take the leaf's other branches: ties for the pivot, NaNs (one where it becomes
    /// the first candidate of a step), a zero column, a pivot too small to invert, an
    /// infinity.
    #[cfg(target_arch = "x86_64")]
    fn special(mut a: Vec<f64>, m: usize, n: usize, s: usize) -> Vec<f64> {
        let lda = m + 1;
        let at = |i: usize, j: usize| (i % m) + (j % n) * lda;
        match s % 4 {
            0 => {
                for j in 0..n {
                    a[at(j + 3, j)] = 9.0;
                    a[at(j + 11, j)] = -9.0;
                }
            }
            1 => {
                a[at(m / 2, n / 2)] = f64::NAN;
                a[at(1, 0)] = f64::NAN;
                a[at(1, 1)] = f64::NAN;
            }
            2 => {
                for i in 0..m {
                    a[at(i, n / 3)] = 0.0;
                    a[at(i, n / 2 + 1)] *= 1e-310;
                }
            }
            _ => a[at(m - 1, n - 1)] = f64::INFINITY,
        }
        a
    }
}
