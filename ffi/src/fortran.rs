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

/// Solves `A X = B` (`trans` = 'N') or `A^T X = B` ('T' or 'C') with the factors from `dgetrf`.
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
