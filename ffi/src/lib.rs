//! C ABI of forklu: the exported names of `libforklu.a` / `libforklu.so`, each a forward
//! to the translation layer `forklu_abi` (`ffi/abi`), which reads C arguments, checks
//! them in LAPACK's order, builds views and maps results to LAPACK's `info`.
//!
//! Exports, in LAPACK's four precisions `s`, `d`, `c`, `z`: the Fortran-ABI names
//! `sgetrf_` ... `zgetri_` (LP64), their ILP64 twins `dgetrf_64_` ..., the same prefixed
//! with `forklu_`, and a LAPACKE-style API (`forklu_dgetrf(layout, ...)` returning
//! `info`). `include/forklu.h` is generated from this crate (and `forklu_abi`'s
//! constants) by cbindgen.
#![no_std]

mod complex;
mod fortran;
mod lapacke;
mod threads;

/// Version of the library as a NUL-terminated string, for example `"0.1.0"`.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_version() -> *const core::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
