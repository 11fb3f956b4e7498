//! The LU family with LAPACK 3.11 semantics on strided views.
//!
//! Every routine returns `Ok(())`, [`Error::Singular`](crate::Error::Singular) for
//! LAPACK's `info > 0`, or an argument error; none panics, prints or allocates.

mod gesv;
mod getf2;
pub(crate) mod getrf;
pub(crate) mod getri;
mod getrs;
mod level3;
mod trtri;

pub use gesv::gesv;
pub use getf2::getf2;
pub use getrf::getrf;
pub use getri::{getri, getri_work_len};
pub use getrs::{Trans, getrs};
pub(crate) use trtri::trtri_upper;

use crate::blas::Kernel;
use crate::config::Tuning;
use crate::scalar::Real;

/// What one call passes down to every step: its block sizes and the kernel family the
/// process uses for the parts `R` of its elements (looked up once per call, never below).
pub(crate) struct Ctx<R> {
    pub tuning: Tuning,
    pub kern: Kernel<R>,
}

impl<R: Real> Ctx<R> {
    pub fn new(tuning: &Tuning) -> Ctx<R> {
        Ctx {
            tuning: *tuning,
            kern: crate::isa::kernel_for_caches::<R>(tuning.caches),
        }
    }
}
