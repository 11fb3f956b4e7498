//! `x <- x - y u` on a column (BLAS `?axpy` with `-u`), rounded one way for every
//! path: the LU leaf's rank-1 updates and `trsm`'s substitution. Complex columns run on
//! their interleaved parts, in a form that vectorises across elements.

use crate::scalar::{Scalar, parts};

/// `x - y u` as the LU leaf and the small triangular solves round it: the product
/// first, then the difference; for complex numbers `(xr - (yr ur - yi ui), xi - (yi ur +
/// yr ui))`. That is reference BLAS's rounding (`zgeru` adds `x (-u)`, the same values),
/// so an exactly singular matrix gives the reference's `info`. [`sub_scaled`] runs the
/// same operations across the interleaved parts of a column.
#[inline(always)]
pub fn msub<T: Scalar>(x: T, y: T, u: T) -> T {
    x - y * u
}

/// `x <- msub(x, y, u)` for complex columns `x`, `y` given as their interleaved parts:
/// a plain loop over the pairs, which the compiler vectorises across pairs.
#[inline(always)]
pub fn sub_scaled<T: Scalar>(x: &mut [T::Real], y: &[T::Real], u: T) {
    let (ur, ui) = (u.re(), u.im());
    for (x, y) in x.chunks_exact_mut(2).zip(y.chunks_exact(2)) {
        let (yr, yi) = (y[0], y[1]);
        x[0] = x[0] - (yr * ur - yi * ui);
        x[1] = x[1] - (yi * ur + yr * ui);
    }
}

/// `x <- msub(msub(x, y0, u0), y1, u1)` for complex columns given as interleaved parts.
#[inline(always)]
pub fn sub_scaled_two<T: Scalar>(x: &mut [T::Real], y0: &[T::Real], u0: T, y1: &[T::Real], u1: T) {
    let (u0r, u0i, u1r, u1i) = (u0.re(), u0.im(), u1.re(), u1.im());
    let pairs = x.chunks_exact_mut(2).zip(y0.chunks_exact(2));
    for ((x, y0), y1) in pairs.zip(y1.chunks_exact(2)) {
        let t0 = x[0] - (y0[0] * u0r - y0[1] * u0i);
        let t1 = x[1] - (y0[1] * u0r + y0[0] * u0i);
        x[0] = t0 - (y1[0] * u1r - y1[1] * u1i);
        x[1] = t1 - (y1[1] * u1r + y1[0] * u1i);
    }
}

/// A slice of complex values as their parts (`re`, `im`, `re`, ...).
#[inline(always)]
pub fn reals<T: Scalar>(x: &[T]) -> &[T::Real] {
    // SAFETY: a complex `T` is `#[repr(C)]` `re`, `im` of `T::Real` (sizes asserted in
    // `mat`), so `len` of them are `parts * len` reals at the same address, borrowed alike.
    unsafe { core::slice::from_raw_parts(x.as_ptr().cast(), parts::<T>() * x.len()) }
}

/// [`reals`], mutable.
#[inline(always)]
pub fn reals_mut<T: Scalar>(x: &mut [T]) -> &mut [T::Real] {
    // SAFETY: as in `reals`; the one mutable borrow moves to the result.
    unsafe { core::slice::from_raw_parts_mut(x.as_mut_ptr().cast(), parts::<T>() * x.len()) }
}
