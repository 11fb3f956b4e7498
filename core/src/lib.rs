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
#![cfg_attr(not(test), no_std)]

pub mod arch;
pub mod blas;
pub mod config;
pub mod error;
pub mod lapack;
pub mod mat;
pub mod pivot;
pub mod pool;
pub mod sys;

pub use error::{Error, MatError};
pub use mat::{MatMut, MatRef, Share};
pub use pivot::Pivot;
