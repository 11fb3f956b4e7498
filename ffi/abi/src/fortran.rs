//! The Fortran calling convention around the four routines: read every argument
//! through its pointer, run the routine, write `info`. Each exported Fortran-ABI name
//! (`dgetrf_`, `dgetrf_64_`, ... in `libforklu`, and the `libforklu_scipy` shim's) is
//! one call to these, the element type and integer width inferred from its pointers.

use crate::args::{self, Int, Layout};
use crate::element::Element;
use crate::routines;
use core::ffi::c_char;

/// `?getrf`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
pub unsafe fn getrf<T: Element, I: Int>(
    m: *const I,
    n: *const I,
    a: *mut T,
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

/// `?getrs`; reads only `trans[0]`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getrs<T: Element, I: Int>(
    trans: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *const T,
    lda: *const I,
    ipiv: *const I,
    b: *mut T,
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

/// `?gesv`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gesv<T: Element, I: Int>(
    n: *const I,
    nrhs: *const I,
    a: *mut T,
    lda: *const I,
    ipiv: *mut I,
    b: *mut T,
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

/// `?getri`.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
pub unsafe fn getri<T: Element, I: Int>(
    n: *const I,
    a: *mut T,
    lda: *const I,
    ipiv: *const I,
    work: *mut T,
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
