//! A LAPACKE-style C API: values instead of pointers, a layout argument, `info`
//! returned. Row-major matrices are factored in place through strided views, with no
//! copy and no allocation. Argument positions in `info` count `layout` as the first.
//!
//! Each export is a forward to `forklu_abi::lapacke`, which takes the element type from
//! the pointers. The layout values (`FORKLU_ROW_MAJOR`, `FORKLU_COL_MAJOR`) are defined
//! there; cbindgen reads them from it.

use crate::complex::{forklu_complex_double, forklu_complex_float};
use core::ffi::c_char;
use forklu_abi::lapacke;

/// `P A = L U` of the `m x n` matrix `a` stored in `matrix_layout`; returns `info`
/// (`-1` for an unknown layout, `-i` for the i-th bad argument, `i > 0` for an exactly
/// zero `U(i, i)` with the factorization completed).
///
/// # Safety
/// `a` spans the stated matrix; `ipiv` holds `min(m, n)` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrf(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *mut i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrf(matrix_layout, m, n, a, lda, ipiv) }
}

/// Solves `A X = B` (`trans` 'N'), `A^T X = B` ('T') or `A^H X = B` ('C') from
/// `forklu_dgetrf`'s factors; `b` is `n x nrhs` in `matrix_layout`. Returns `info`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetrs(
    matrix_layout: i32,
    trans: c_char,
    n: i32,
    nrhs: i32,
    a: *const f64,
    lda: i32,
    ipiv: *const i32,
    b: *mut f64,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrs(matrix_layout, trans, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// Solves `A X = B`, overwriting `a` by its factors and `b` by `X`. Returns `info`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgesv(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *mut i32,
    b: *mut f64,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::gesv(matrix_layout, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// Inverse from `forklu_dgetrf`'s factors, in the form of `LAPACKE_dgetri_work`: the
/// caller supplies `work` (`lwork >= max(1, n)`; `lwork = -1` queries the optimal
/// size into `work[0]`), since forklu never allocates. Returns `info`.
///
/// # Safety
/// `a` spans the matrix, `ipiv` holds `n` entries, `work` holds `max(1, lwork)`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_dgetri(
    matrix_layout: i32,
    n: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *const i32,
    work: *mut f64,
    lwork: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getri(matrix_layout, n, a, lda, ipiv, work, lwork) }
}

/// As `forklu_dgetrf`, in single precision (`float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrf(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut f32,
    lda: i32,
    ipiv: *mut i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrf(matrix_layout, m, n, a, lda, ipiv) }
}

/// As `forklu_dgetrs`, in single precision (`float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetrs(
    matrix_layout: i32,
    trans: c_char,
    n: i32,
    nrhs: i32,
    a: *const f32,
    lda: i32,
    ipiv: *const i32,
    b: *mut f32,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrs(matrix_layout, trans, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgesv`, in single precision (`float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgesv(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut f32,
    lda: i32,
    ipiv: *mut i32,
    b: *mut f32,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::gesv(matrix_layout, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgetri`, in single precision (`float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_sgetri(
    matrix_layout: i32,
    n: i32,
    a: *mut f32,
    lda: i32,
    ipiv: *const i32,
    work: *mut f32,
    lwork: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getri(matrix_layout, n, a, lda, ipiv, work, lwork) }
}

/// As `forklu_dgetrf`, for single-precision complex matrices (`forklu_complex_float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrf(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut forklu_complex_float,
    lda: i32,
    ipiv: *mut i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrf(matrix_layout, m, n, a, lda, ipiv) }
}

/// As `forklu_dgetrs`, for single-precision complex matrices (`forklu_complex_float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetrs(
    matrix_layout: i32,
    trans: c_char,
    n: i32,
    nrhs: i32,
    a: *const forklu_complex_float,
    lda: i32,
    ipiv: *const i32,
    b: *mut forklu_complex_float,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrs(matrix_layout, trans, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgesv`, for single-precision complex matrices (`forklu_complex_float`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgesv(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut forklu_complex_float,
    lda: i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_float,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::gesv(matrix_layout, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgetri`, for single-precision complex matrices (`forklu_complex_float`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_cgetri(
    matrix_layout: i32,
    n: i32,
    a: *mut forklu_complex_float,
    lda: i32,
    ipiv: *const i32,
    work: *mut forklu_complex_float,
    lwork: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getri(matrix_layout, n, a, lda, ipiv, work, lwork) }
}

/// As `forklu_dgetrf`, for double-precision complex matrices (`forklu_complex_double`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrf(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut forklu_complex_double,
    lda: i32,
    ipiv: *mut i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrf(matrix_layout, m, n, a, lda, ipiv) }
}

/// As `forklu_dgetrs`, for double-precision complex matrices (`forklu_complex_double`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetrs(
    matrix_layout: i32,
    trans: c_char,
    n: i32,
    nrhs: i32,
    a: *const forklu_complex_double,
    lda: i32,
    ipiv: *const i32,
    b: *mut forklu_complex_double,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getrs(matrix_layout, trans, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgesv`, for double-precision complex matrices (`forklu_complex_double`).
#[allow(clippy::too_many_arguments)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgesv(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut forklu_complex_double,
    lda: i32,
    ipiv: *mut i32,
    b: *mut forklu_complex_double,
    ldb: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::gesv(matrix_layout, n, nrhs, a, lda, ipiv, b, ldb) }
}

/// As `forklu_dgetri`, for double-precision complex matrices (`forklu_complex_double`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn forklu_zgetri(
    matrix_layout: i32,
    n: i32,
    a: *mut forklu_complex_double,
    lda: i32,
    ipiv: *const i32,
    work: *mut forklu_complex_double,
    lwork: i32,
) -> i32 {
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { lapacke::getri(matrix_layout, n, a, lda, ipiv, work, lwork) }
}
