//! The Fortran-ABI exports: `dgetrf_` ... (LP64, `int`), `dgetrf_64_` ... (ILP64,
//! `int64_t`), and the same names prefixed with `forklu_` for programs that link
//! forklu beside another LAPACK. All arguments are pointers, as Fortran passes them.
//!
//! Each function reads and writes only the stated matrix, pivots and workspace, never
//! prints and never stops the program: a bad argument is reported in `info`.
//!
//! Each routine is documented once, on its LP64 name; its twins say in one line what
//! differs (another precision likewise: "As `dgetrf_`, in single precision"). cbindgen
//! copies every doc into `include/forklu.h` and does not expand macros, so each export
//! is written out: a forward to `forklu_abi::fortran`, which takes the element type and
//! integer width from the pointers.

use crate::complex::{forklu_complex_double, forklu_complex_float};
use core::ffi::c_char;
use forklu_abi::fortran;

/// Factors `P A = L U` of the `m x n` matrix `a` (column-major, leading dimension `lda`).
/// `ipiv` receives `min(m, n)` 1-based pivots. `info = -i` for the i-th bad argument,
/// `info = i > 0` when `U(i, i)` is exactly zero (factorization completed).
/// LP64 (`int`) integers.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrf_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrf_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrf_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// Solves `A X = B` (`trans` = 'N'), `A^T X = B` ('T') or `A^H X = B` ('C', the same
/// as 'T' for real matrices) with the factors from `dgetrf`.
/// Reads only `trans[0]`; a hidden Fortran string length may be passed or not.
/// LP64 (`int`) integers.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const f64,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut f64,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetrs_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const f64,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut f64,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetrs_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const f64,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut f64,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetrs_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const f64,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut f64,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// Solves `A X = B`: `a` is overwritten by its LU factors, `b` by the solution.
/// `info = i > 0`: `U(i, i)` is exactly zero, the factors are returned and `b` is unchanged.
/// LP64 (`int`) integers.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut f64,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut f64,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut f64,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut f64,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// Replaces the factors from `dgetrf` by the inverse of `A`. `lwork >= max(1, n)`;
/// `lwork = -1` stores the optimal size in `work[0]` and returns.
/// LP64 (`int`) integers.
///
/// # Safety
/// LAPACK's contract: every pointer is valid for the dimensions it describes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetri_(
    n: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut f64,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `dgetri_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dgetri_64_(
    n: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut f64,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `dgetri_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetri_(
    n: *const i32,
    a: *mut f64,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut f64,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `dgetri_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetri_64_(
    n: *const i64,
    a: *mut f64,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut f64,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

// ---- in single precision ----

/// As `dgetrf_`, in single precision (`float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `sgetrf_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `sgetrf_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `sgetrf_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrs_`, in single precision (`float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const f32,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut f32,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgetrs_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const f32,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut f32,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgetrs_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const f32,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut f32,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgetrs_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const f32,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut f32,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_`, in single precision (`float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut f32,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgesv_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut f32,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgesv_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut f32,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `sgesv_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut f32,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetri_`, in single precision (`float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetri_(
    n: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut f32,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `sgetri_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sgetri_64_(
    n: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut f32,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `sgetri_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetri_(
    n: *const i32,
    a: *mut f32,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut f32,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `sgetri_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetri_64_(
    n: *const i64,
    a: *mut f32,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut f32,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

// ---- for single-precision complex matrices ----

/// As `dgetrf_`, for single-precision complex matrices (`forklu_complex_float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `cgetrf_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `cgetrf_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `cgetrf_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrs_`, for single-precision complex matrices (`forklu_complex_float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const forklu_complex_float,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut forklu_complex_float,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgetrs_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const forklu_complex_float,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut forklu_complex_float,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgetrs_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const forklu_complex_float,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut forklu_complex_float,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgetrs_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const forklu_complex_float,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut forklu_complex_float,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_`, for single-precision complex matrices (`forklu_complex_float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_float,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgesv_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut forklu_complex_float,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgesv_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_float,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `cgesv_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut forklu_complex_float,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetri_`, for single-precision complex matrices (`forklu_complex_float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetri_(
    n: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut forklu_complex_float,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `cgetri_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cgetri_64_(
    n: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut forklu_complex_float,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `cgetri_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetri_(
    n: *const i32,
    a: *mut forklu_complex_float,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut forklu_complex_float,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `cgetri_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetri_64_(
    n: *const i64,
    a: *mut forklu_complex_float,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut forklu_complex_float,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

// ---- for double-precision complex matrices ----

/// As `dgetrf_`, for double-precision complex matrices (`forklu_complex_double`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `zgetrf_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `zgetrf_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrf_(
    m: *const i32,
    n: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *mut i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `zgetrf_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrf_64_(
    m: *const i64,
    n: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *mut i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
}

/// As `dgetrs_`, for double-precision complex matrices (`forklu_complex_double`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const forklu_complex_double,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut forklu_complex_double,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgetrs_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const forklu_complex_double,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut forklu_complex_double,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgetrs_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrs_(
    trans: *const c_char,
    n: *const i32,
    nrhs: *const i32,
    a: *const forklu_complex_double,
    lda: *const i32,
    ipiv: *const i32,
    b: *mut forklu_complex_double,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgetrs_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrs_64_(
    trans: *const c_char,
    n: *const i64,
    nrhs: *const i64,
    a: *const forklu_complex_double,
    lda: *const i64,
    ipiv: *const i64,
    b: *mut forklu_complex_double,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgesv_`, for double-precision complex matrices (`forklu_complex_double`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_double,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgesv_`, with `int64_t` integers (ILP64).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut forklu_complex_double,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgesv_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgesv_(
    n: *const i32,
    nrhs: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_double,
    ldb: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `zgesv_64_`, under a name that does not clash with another LAPACK's.
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgesv_64_(
    n: *const i64,
    nrhs: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *mut i64,
    b: *mut forklu_complex_double,
    ldb: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
}

/// As `dgetri_`, for double-precision complex matrices (`forklu_complex_double`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetri_(
    n: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut forklu_complex_double,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `zgetri_`, with `int64_t` integers (ILP64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zgetri_64_(
    n: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut forklu_complex_double,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `zgetri_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetri_(
    n: *const i32,
    a: *mut forklu_complex_double,
    lda: *const i32,
    ipiv: *const i32,
    work: *mut forklu_complex_double,
    lwork: *const i32,
    info: *mut i32,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}

/// As `zgetri_64_`, under a name that does not clash with another LAPACK's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetri_64_(
    n: *const i64,
    a: *mut forklu_complex_double,
    lda: *const i64,
    ipiv: *const i64,
    work: *mut forklu_complex_double,
    lwork: *const i64,
    info: *mut i64,
) {
    // SAFETY: forwarded unchanged under the caller's LAPACK contract.
    unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
}
