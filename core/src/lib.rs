//! forklu: LU factorization (LAPACK `?getrf`, `?getrs`, `?gesv`, `?getri`) that never
//! allocates and stays correct in programs that `fork()`.
//!
//! Matrices are passed as strided views ([`MatRef`], [`MatMut`]) built by checked
//! constructors from slices, so column-major and row-major storage are both views.
//! Pivots follow LAPACK: `ipiv[i]` holds the 1-based row swapped with row `i + 1`.
//!
//! ```
//! use forklu::{MatMut, lapack::getrf};
//! let mut a = [4.0, 2.0, 1.0, 3.0]; // column-major [[4, 1], [2, 3]]
//! let mut ipiv = [0i32; 2];
//! getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
//! assert_eq!(ipiv, [1, 2]);
//! assert_eq!(a, [4.0, 0.5, 1.0, 2.5]);
//! ```
//!
//! Every routine works in LAPACK's four precisions: `f32`, `f64`, [`C32`] and [`C64`]
//! (`sgetrf` ... `zgetrf`), the complex types stored as C and Fortran store them.
//!
//! ```
//! use forklu::{C64, MatMut, lapack::{getrf, getrs, Trans}};
//! let mut a = [C64::new(2.0, 1.0), C64::new(1.0, 0.0), C64::new(0.0, 0.0), C64::new(3.0, -2.0)];
//! let mut ipiv = [0i32; 2];
//! getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap();
//! let mut b = [C64::new(1.0, 0.0), C64::new(0.0, 1.0)];
//! let lu = MatMut::col_major(&mut a, 2, 2, 2).unwrap().into_ref();
//! getrs(Trans::No, lu, &ipiv, MatMut::col_major(&mut b, 2, 1, 2).unwrap()).unwrap();
//! assert!((b[0].re - 0.4).abs() < 1e-15 && (b[0].im + 0.2).abs() < 1e-15);
//! ```
//!
//! The public API is the views, the LAPACK routines in [`lapack`], the element types,
//! [`Error`], the thread count and the version. [`unstable`] holds what tests and benchmarks reach
//! into; it may change in any release.
#![cfg_attr(not(test), no_std)]

mod arch;
mod blas;
mod config;
mod error;
mod isa;
pub mod lapack;
mod mat;
mod pivot;
mod pool;
mod scalar;
mod sys;
#[doc(hidden)]
pub mod unstable;

pub use error::{Error, MatError};
pub use mat::{MatMut, MatRef};
pub use pivot::Pivot;
pub use pool::{max_threads, num_threads, set_num_threads};
pub use scalar::{C32, C64, Complex, Real, Scalar};

/// The library's version, for example `"0.1.0"`.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
