//! The level-1/3 building blocks LU needs, on strided views.
//!
//! Transposed operands are expressed by transposed views, so each routine has
//! one form: `trsm` solves from the left only, `gemm` never transposes. Every routine
//! is pure computation: the caller passes the kernel family and the packing buffers.

mod axpy;
mod gemm;
mod iamax;
mod laswp;
mod pack;
mod scal;
mod trsm;

pub use crate::arch::Kernel;
pub use axpy::{msub, reals, reals_mut, sub_scaled, sub_scaled_two};
pub use gemm::{Packing, SharedA, gemm};
pub use iamax::iamax;
pub use laswp::{laswp, laswp_backward};
pub use scal::scal_col;
pub use trsm::{Diag, Uplo, trsm};
