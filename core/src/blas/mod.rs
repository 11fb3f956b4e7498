//! The level-1/3 building blocks LU needs, on strided views.
//!
//! Transposed operands are expressed by transposed views, so each routine has
//! one form: `trsm` solves from the left only, `gemm` never transposes.

mod gemm;
mod iamax;
mod laswp;
mod pack;
mod scal;
mod trsm;
mod workspace;

pub use gemm::{SharedA, gemm};
pub use iamax::iamax;
pub use laswp::{laswp, laswp_backward};
pub use scal::scal_col;
pub use trsm::{Diag, Uplo, trsm};
