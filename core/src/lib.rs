//! forklu: LU factorization (LAPACK `dgetrf`, `dgetrs`, `dgesv`, `dgetri`) that never
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
//! The public API is the views, the LAPACK routines in [`lapack`], [`Error`], the
//! thread count and the version. [`unstable`] holds what tests and benchmarks reach
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
