//! A LAPACKE-style C API: values instead of pointers, a layout argument, `info`
//! returned. Row-major matrices are factored in place through strided views, with no
//! copy and no allocation. Argument positions in `info` count `layout` as the first.

use crate::args::Layout;
use crate::routines;
use core::ffi::c_char;

/// Row-major storage (same value as `LAPACK_ROW_MAJOR`).
pub const FORKLU_ROW_MAJOR: i32 = 101;
/// Column-major storage (same value as `LAPACK_COL_MAJOR`).
pub const FORKLU_COL_MAJOR: i32 = 102;

fn layout(v: i32) -> Option<Layout> {
    match v {
        FORKLU_ROW_MAJOR => Some(Layout::RowMajor),
        FORKLU_COL_MAJOR => Some(Layout::ColMajor),
        _ => None,
    }
}

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
    let Some(l) = layout(matrix_layout) else {
        return -1;
    };
    // SAFETY: the caller's contract covers the matrix and pivots.
    let info = unsafe {
        routines::getrf::<i32>(
            l,
            1,
            Some(m.into()),
            Some(n.into()),
            a,
            Some(lda.into()),
            ipiv,
        )
    };
    info as i32
}

/// Solves `A X = B` (`trans` 'N') or `A^T X = B` ('T', 'C') from `forklu_dgetrf`'s
/// factors; `b` is `n x nrhs` in `matrix_layout`. Returns `info`.
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
    let Some(l) = layout(matrix_layout) else {
        return -1;
    };
    // SAFETY: the caller's contract covers the matrices and pivots.
    let info = unsafe {
        routines::getrs::<i32>(
            l,
            1,
            Some(trans as u8),
            Some(n.into()),
            Some(nrhs.into()),
            a,
            Some(lda.into()),
            ipiv,
            b,
            Some(ldb.into()),
        )
    };
    info as i32
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
    let Some(l) = layout(matrix_layout) else {
        return -1;
    };
    // SAFETY: the caller's contract covers the matrices and pivots.
    let info = unsafe {
        routines::gesv::<i32>(
            l,
            1,
            Some(n.into()),
            Some(nrhs.into()),
            a,
            Some(lda.into()),
            ipiv,
            b,
            Some(ldb.into()),
        )
    };
    info as i32
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
    let Some(l) = layout(matrix_layout) else {
        return -1;
    };
    // SAFETY: the caller's contract covers the matrix, pivots and workspace.
    let info = unsafe {
        routines::getri::<i32>(
            l,
            1,
            Some(n.into()),
            a,
            Some(lda.into()),
            ipiv,
            work,
            Some(lwork.into()),
        )
    };
    info as i32
}
