//! The element types of the LU family: `f32`, `f64` and complex numbers of each
//! (LAPACK's `s`, `d`, `c` and `z`), behind one sealed trait the routines are generic
//! over. The arithmetic is LAPACK's: pivots are chosen by `|re| + |im|` (as `izamax`
//! does), a pivot is inverted only when its modulus is at least the safe minimum, and
//! complex division is Smith's scaled algorithm (what Fortran compilers do).

use core::fmt::Debug;
use core::ops::{Add, Mul, Neg, Sub};

/// A complex number stored as LAPACK, C99 (`double _Complex`) and C++
/// (`std::complex<double>`) store one: the real part, then the imaginary part.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Complex<R> {
    pub re: R,
    pub im: R,
}

/// Single-precision complex (LAPACK's `c`).
pub type C32 = Complex<f32>;
/// Double-precision complex (LAPACK's `z`).
pub type C64 = Complex<f64>;

impl<R> Complex<R> {
    pub const fn new(re: R, im: R) -> Self {
        Complex { re, im }
    }
}

impl<R: Real> Add for Complex<R> {
    type Output = Self;
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Complex::new(self.re + o.re, self.im + o.im)
    }
}

impl<R: Real> Sub for Complex<R> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Complex::new(self.re - o.re, self.im - o.im)
    }
}

impl<R: Real> Mul for Complex<R> {
    type Output = Self;
    /// The textbook product, four multiplies and two adds, none fused.
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
}

impl<R: Real> Neg for Complex<R> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Complex::new(-self.re, -self.im)
    }
}

pub(crate) mod sealed {
    /// Only the four LAPACK element types implement [`Scalar`](super::Scalar).
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for super::C32 {}
    impl Sealed for super::C64 {}
}

/// An element type of the LU family: `f32`, `f64`, [`C32`] or [`C64`].
pub trait Scalar:
    Copy
    + Default
    + PartialEq
    + Debug
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Neg<Output = Self>
    + sealed::Sealed
{
    /// The real type of the parts: `f32` or `f64`.
    type Real: Real;
    /// True for the complex types.
    const IS_COMPLEX: bool;
    const ZERO: Self;
    const ONE: Self;
    /// `|re| + |im|` (BLAS `icamax`'s measure; `|x|` for reals).
    fn abs1(self) -> Self::Real;
    /// The complex conjugate (the value itself for reals).
    fn conj(self) -> Self;
    /// `self / d`, as LAPACK divides: Smith's scaled algorithm for complex numbers.
    fn div(self, d: Self) -> Self;
    /// True when `|self|` is at least `Real::SAFE_MIN`, so `1 / self` is finite and
    /// LAPACK scales by the reciprocal instead of dividing.
    fn invertible(self) -> bool;
    /// The real value `r` as this type.
    fn from_real(r: Self::Real) -> Self;
    /// `re + i im` (for a real type, `re`: the imaginary part is dropped).
    fn from_parts(re: Self::Real, im: Self::Real) -> Self;
    /// The real part.
    fn re(self) -> Self::Real;
    /// The imaginary part (zero for reals).
    fn im(self) -> Self::Real;
}

/// `f32` or `f64`: the element types of the microkernels (complex products run on the
/// real kernels of their parts).
pub trait Real:
    Scalar<Real = Self>
    + PartialOrd
    + core::ops::Div<Output = Self>
    + core::ops::AddAssign
    + crate::arch::Kernels
{
    /// Machine epsilon (LAPACK `dlamch('E')` times 2: the gap above 1).
    const EPSILON: Self;
    /// Smallest `x` with `1 / x` finite (LAPACK `dlamch('S')`).
    const SAFE_MIN: Self;
    /// `1 / SAFE_MIN`, a power of two, so scaling by it is exact.
    const SAFE_MIN_RECIP: Self;
    fn abs(self) -> Self;
    /// The nearest value of this type to `v`.
    fn from_f64(v: f64) -> Self;
    /// The value as `f64` (exact).
    fn to_f64(self) -> f64;
}

macro_rules! real {
    ($t:ty) => {
        impl Scalar for $t {
            type Real = $t;
            const IS_COMPLEX: bool = false;
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            #[inline(always)]
            fn abs1(self) -> $t {
                self.abs()
            }
            #[inline(always)]
            fn conj(self) -> $t {
                self
            }
            #[inline(always)]
            fn div(self, d: $t) -> $t {
                self / d
            }
            #[inline(always)]
            fn invertible(self) -> bool {
                self.abs() >= <$t>::MIN_POSITIVE
            }
            #[inline(always)]
            fn from_real(r: $t) -> $t {
                r
            }
            #[inline(always)]
            fn from_parts(re: $t, _im: $t) -> $t {
                re
            }
            #[inline(always)]
            fn re(self) -> $t {
                self
            }
            #[inline(always)]
            fn im(self) -> $t {
                0.0
            }
        }

        impl Real for $t {
            const EPSILON: $t = <$t>::EPSILON;
            const SAFE_MIN: $t = <$t>::MIN_POSITIVE;
            const SAFE_MIN_RECIP: $t = 1.0 / <$t>::MIN_POSITIVE;
            #[inline(always)]
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            #[inline(always)]
            fn from_f64(v: f64) -> $t {
                v as $t
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    };
}

real!(f32);
real!(f64);

impl<R: Real> Scalar for Complex<R>
where
    Complex<R>: sealed::Sealed,
{
    type Real = R;
    const IS_COMPLEX: bool = true;
    const ZERO: Self = Complex::new(R::ZERO, R::ZERO);
    const ONE: Self = Complex::new(R::ONE, R::ZERO);

    #[inline(always)]
    fn abs1(self) -> R {
        self.re.abs() + self.im.abs()
    }

    #[inline(always)]
    fn conj(self) -> Self {
        Complex::new(self.re, -self.im)
    }

    /// Smith's algorithm: divide through by the larger part of `d`, so no
    /// intermediate overflows or underflows where the quotient does not.
    #[inline]
    fn div(self, d: Self) -> Self {
        if d.re.abs() >= d.im.abs() {
            let r = d.im / d.re;
            let den = d.re + d.im * r;
            Complex::new((self.re + self.im * r) / den, (self.im - self.re * r) / den)
        } else {
            let r = d.re / d.im;
            let den = d.re * r + d.im;
            Complex::new((self.re * r + self.im) / den, (self.im * r - self.re) / den)
        }
    }

    /// `|z| >= SAFE_MIN` without a square root: true when a part alone reaches it;
    /// else both parts scaled by `1 / SAFE_MIN` (exactly) and compared in squares.
    #[inline]
    fn invertible(self) -> bool {
        let (a, b) = (self.re.abs(), self.im.abs());
        if a >= R::SAFE_MIN || b >= R::SAFE_MIN {
            return true;
        }
        let (x, y) = (a * R::SAFE_MIN_RECIP, b * R::SAFE_MIN_RECIP);
        x * x + y * y >= R::ONE
    }

    #[inline(always)]
    fn from_real(r: R) -> Self {
        Complex::new(r, R::ZERO)
    }

    #[inline(always)]
    fn from_parts(re: R, im: R) -> Self {
        Complex::new(re, im)
    }

    #[inline(always)]
    fn re(self) -> R {
        self.re
    }

    #[inline(always)]
    fn im(self) -> R {
        self.im
    }
}

/// Real flops per flop of the real algorithm: 4 for complex elements (a complex
/// multiply-add is four real ones), 1 for real ones. Scales the pool's flop estimates.
pub(crate) const fn flop_weight<T: Scalar>() -> usize {
    if T::IS_COMPLEX { 4 } else { 1 }
}

/// Test support: values of any element type from the testkit's `f64` streams.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Real, Scalar};

    /// `len` values uniform in [-1, 1) (both parts for complex), from `seed`.
    pub fn values<T: Scalar>(len: usize, seed: u64) -> Vec<T> {
        let re = forklu_testkit::random_matrix(len, 1, len, seed);
        let im = forklu_testkit::random_matrix(len, 1, len, seed ^ 0x5DEE_CE66);
        (0..len)
            .map(|i| T::from_parts(T::Real::from_f64(re[i]), T::Real::from_f64(im[i])))
            .collect()
    }

    /// A random `m x n` matrix with leading dimension `lda`; rows `m..lda` hold NaNs.
    pub fn matrix<T: Scalar>(m: usize, n: usize, lda: usize, seed: u64) -> Vec<T> {
        let v = values::<T>(m * n, seed);
        let nan = T::from_parts(T::Real::from_f64(f64::NAN), T::Real::from_f64(f64::NAN));
        let mut a = vec![nan; lda.max(1) * n.max(1)];
        for j in 0..n {
            a[j * lda..j * lda + m].copy_from_slice(&v[j * m..(j + 1) * m]);
        }
        a
    }

    /// `(re, im)` in `f64`.
    pub fn pair<T: Scalar>(x: T) -> (f64, f64) {
        (x.re().to_f64(), x.im().to_f64())
    }

    /// The precision's machine epsilon.
    pub fn eps<T: Scalar>() -> f64 {
        T::Real::EPSILON.to_f64()
    }

    /// `||P A - L U||_1 / (||A||_1 max(m, n) eps)` (testkit's residual) for any type.
    pub fn lu_residual<T: Scalar, P: Copy + Into<i64>>(
        a0: &[T],
        lu: &[T],
        m: usize,
        n: usize,
        lda: usize,
        ipiv: &[P],
    ) -> f64 {
        forklu_testkit::lu_residual_with(
            m,
            n,
            |i, j| pair(a0[i + j * lda]),
            |i, j| pair(lu[i + j * lda]),
            ipiv,
            eps::<T>(),
        )
    }

    /// `||op(A) X - B||_1 / (||A||_1 ||X||_1 n eps)`, `op` the identity, transpose or
    /// conjugate transpose (`trans` 0, 1, 2), all column-major with `ld = n`.
    pub fn solve_residual<T: Scalar>(
        a: &[T],
        n: usize,
        trans: u8,
        x: &[T],
        b: &[T],
        nrhs: usize,
    ) -> f64 {
        let op = |i: usize, j: usize| match trans {
            0 => pair(a[i + j * n]),
            1 => pair(a[j + i * n]),
            _ => pair(a[j + i * n].conj()),
        };
        forklu_testkit::solve_residual_with(
            n,
            nrhs,
            op,
            |i, j| pair(x[i + j * n]),
            |i, j| pair(b[i + j * n]),
            eps::<T>(),
        )
    }

    /// Plain right-looking LU with LAPACK's pivot rule (first largest `|re| + |im|`),
    /// in the type's own arithmetic: the oracle for pivots in every type.
    pub fn textbook_pivots<T: Scalar>(a: &mut [T], m: usize, n: usize, lda: usize) -> Vec<i64> {
        let mut ipiv = vec![0; m.min(n)];
        for j in 0..m.min(n) {
            let mut p = j;
            for i in j + 1..m {
                if a[i + j * lda].abs1() > a[p + j * lda].abs1() {
                    p = i;
                }
            }
            ipiv[j] = p as i64 + 1;
            for c in 0..n {
                a.swap(j + c * lda, p + c * lda);
            }
            let d = a[j + j * lda];
            for i in j + 1..m {
                a[i + j * lda] = a[i + j * lda].div(d);
            }
            for c in j + 1..n {
                for i in j + 1..m {
                    a[i + c * lda] = a[i + c * lda] - a[i + j * lda] * a[j + c * lda];
                }
            }
        }
        ipiv
    }
}

/// Real values per element: 1 for the real types, 2 for the complex ones.
pub(crate) const fn parts<T: Scalar>() -> usize {
    if T::IS_COMPLEX { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_arithmetic_and_division() {
        let a = C64::new(3.0, -4.0);
        let b = C64::new(1.0, 2.0);
        assert_eq!(a * b, C64::new(11.0, 2.0));
        assert_eq!(a + b, C64::new(4.0, -2.0));
        assert_eq!(a - b, C64::new(2.0, -6.0));
        assert_eq!(a.conj(), C64::new(3.0, 4.0));
        assert_eq!(a.abs1(), 7.0);
        // (3 - 4i) / (1 + 2i) = -1 - 2i, exactly.
        assert_eq!(a.div(b), C64::new(-1.0, -2.0));
        // Smith's scaling: a quotient of huge numbers that a naive |d|^2 would overflow.
        let big = C64::new(1e300, 1e300);
        let q = big.div(C64::new(2e300, 2e300));
        assert!((q.re - 0.5).abs() < 1e-15 && q.im.abs() < 1e-15, "{q:?}");
    }

    #[test]
    fn invertible_follows_the_modulus() {
        let tiny = f64::MIN_POSITIVE;
        assert!(C64::new(tiny, 0.0).invertible());
        assert!(!C64::new(tiny / 2.0, 0.0).invertible());
        // |(0.8, 0.8) tiny| = 1.13 tiny: invertible though each part is below it.
        assert!(C64::new(0.8 * tiny, 0.8 * tiny).invertible());
        assert!(!C64::new(0.6 * tiny, 0.6 * tiny).invertible());
        assert!(!C32::ZERO.invertible());
        assert!(1.0f32.invertible() && !0.0f32.invertible());
    }
}
