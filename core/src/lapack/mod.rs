//! The LU family with LAPACK 3.11 semantics on strided views.
//!
//! Every routine returns `Ok(())`, [`Error::Singular`](crate::Error::Singular) for
//! LAPACK's `info > 0`, or an argument error; none panics, prints or allocates.

mod gesv;
mod getf2;
mod getrf;
mod getri;
mod getrs;
mod trtri;

pub use gesv::gesv;
pub use getf2::getf2;
pub use getrf::{getrf, getrf_with};
pub use getri::{getri, getri_with, getri_work_len};
pub use getrs::{Trans, getrs};
pub(crate) use trtri::trtri_upper;
