//! The C translation layer of forklu, shared by `libforklu` (`ffi/`), the
//! `libforklu_scipy` shim (`ffi/scipy`) and the fuzz targets (`ffi/fuzz`). It reads C
//! arguments, checks them in LAPACK's order, builds views and maps results to LAPACK's
//! `info`; no math here, and no exported symbol: the crates that build C libraries name
//! the exports, each a one-line forward to [`fortran`], [`lapacke`] or [`threads`].
//!
//! Generic over the element type ([`Element`]: `f32`, `f64`, [`C32`], [`C64`]) and the
//! integer width ([`Int`]: `int` and `int64_t`), so a precision or name set is forwards
//! only.
#![cfg_attr(not(test), no_std)]

mod args;
mod element;
pub mod fortran;
pub mod lapacke;
mod routines;
#[cfg(all(feature = "runtime", not(test)))]
mod runtime;
pub mod threads;

pub use args::{FORKLU_COL_MAJOR, FORKLU_ROW_MAJOR, Int, Layout};
pub use element::Element;
pub use forklu::{C32, C64};
