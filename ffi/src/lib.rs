//! C ABI of forklu. This crate only translates: it reads C arguments, checks them in
//! LAPACK's order, builds views and maps results to LAPACK's `info`. No math here.
//!
//! Exports: the Fortran-ABI names `dgetrf_` ... (LP64), their ILP64 twins `dgetrf_64_`
//! ..., the same sixteen prefixed with `forklu_`, and a LAPACKE-style API
//! (`forklu_dgetrf(layout, ...)` returning `info`).
#![no_std]

mod args;
mod calls;
mod fortran;
mod lapacke;
mod routines;
mod runtime;
mod threads;

pub use fortran::*;
pub use lapacke::*;
pub use threads::*;

/// Version of the library as a NUL-terminated string, for example `"0.1.0"`.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_version() -> *const core::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
