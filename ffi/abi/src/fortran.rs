//! The Fortran calling convention around the four routines: read every argument
//! through its pointer, run the routine, write `info`. Each exported Fortran-ABI name
//! (`dgetrf_`, `dgetrf_64_`, ... in `libforklu`, and the `libforklu_scipy` shim's) is
//! one call to these, the integer width inferred from its pointers.

use crate::args::{self, Int, Layout};
use crate::routines;
use core::ffi::c_char;

/// `dgetrf`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
pub unsafe fn getrf<I: Int>(
    m: *const I,
    n: *const I,
    a: *mut f64,
    lda: *const I,
    ipiv: *mut I,
    info: *mut I,
) {
    // SAFETY: the caller upholds LAPACK's contract for these arguments.
    let r = unsafe {
        routines::getrf(
            Layout::ColMajor,
            0,
            args::read(m),
            args::read(n),
            a,
            args::read(lda),
            ipiv,
        )
    };
    // SAFETY: `info` is null or valid per the same contract.
    unsafe { args::write_info(info, r) };
}

/// `dgetrs`; reads only `trans[0]`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getrs<I: Int>(
    trans: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *const f64,
    lda: *const I,
    ipiv: *const I,
    b: *mut f64,
    ldb: *const I,
    info: *mut I,
) {
    // SAFETY: the caller upholds LAPACK's contract for these arguments.
    let r = unsafe {
        routines::getrs(
            Layout::ColMajor,
            0,
            args::read_char(trans),
            args::read(n),
            args::read(nrhs),
            a,
            args::read(lda),
            ipiv,
            b,
            args::read(ldb),
        )
    };
    // SAFETY: `info` is null or valid per the same contract.
    unsafe { args::write_info(info, r) };
}

/// `dgesv`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gesv<I: Int>(
    n: *const I,
    nrhs: *const I,
    a: *mut f64,
    lda: *const I,
    ipiv: *mut I,
    b: *mut f64,
    ldb: *const I,
    info: *mut I,
) {
    // SAFETY: the caller upholds LAPACK's contract for these arguments.
    let r = unsafe {
        routines::gesv(
            Layout::ColMajor,
            0,
            args::read(n),
            args::read(nrhs),
            a,
            args::read(lda),
            ipiv,
            b,
            args::read(ldb),
        )
    };
    // SAFETY: `info` is null or valid per the same contract.
    unsafe { args::write_info(info, r) };
}

/// `dgetri`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
pub unsafe fn getri<I: Int>(
    n: *const I,
    a: *mut f64,
    lda: *const I,
    ipiv: *const I,
    work: *mut f64,
    lwork: *const I,
    info: *mut I,
) {
    // SAFETY: the caller upholds LAPACK's contract for these arguments.
    let r = unsafe {
        routines::getri(
            Layout::ColMajor,
            0,
            args::read(n),
            a,
            args::read(lda),
            ipiv,
            work,
            args::read(lwork),
        )
    };
    // SAFETY: `info` is null or valid per the same contract.
    unsafe { args::write_info(info, r) };
}
