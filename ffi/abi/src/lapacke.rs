//! The LAPACKE calling convention around the four routines: values instead of pointers,
//! a `matrix_layout` first (its `info` position counts), `int` integers, `info`
//! returned. Each exported LAPACKE-style name (`forklu_dgetrf`, ...) is one call to
//! these.

use crate::args::Layout;
use crate::routines;
use core::ffi::c_char;

/// Runs `routine` on the decoded layout; `-1` for an unknown one.
fn with_layout(matrix_layout: i32, routine: impl FnOnce(Layout) -> i64) -> i32 {
    match Layout::from_c(matrix_layout) {
        // `info` is an argument position or a pivot index below an `i32` dimension.
        Some(l) => routine(l) as i32,
        None => -1,
    }
}

/// `LAPACKE_dgetrf`.
///
/// # Safety
/// `a` spans the stated matrix; `ipiv` holds `min(m, n)` entries.
pub unsafe fn getrf(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *mut i32,
) -> i32 {
    with_layout(matrix_layout, |l| {
        // SAFETY: the caller's contract covers the matrix and pivots.
        unsafe {
            routines::getrf(
                l,
                1,
                Some(m.into()),
                Some(n.into()),
                a,
                Some(lda.into()),
                ipiv,
            )
        }
    })
}

/// `LAPACKE_dgetrs`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getrs(
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
    with_layout(matrix_layout, |l| {
        // SAFETY: the caller's contract covers the matrices and pivots.
        unsafe {
            routines::getrs(
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
        }
    })
}

/// `LAPACKE_dgesv`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gesv(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *mut i32,
    b: *mut f64,
    ldb: i32,
) -> i32 {
    with_layout(matrix_layout, |l| {
        // SAFETY: the caller's contract covers the matrices and pivots.
        unsafe {
            routines::gesv(
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
        }
    })
}

/// `LAPACKE_dgetri_work`.
///
/// # Safety
/// `a` spans the matrix, `ipiv` holds `n` entries, `work` holds `max(1, lwork)`.
pub unsafe fn getri(
    matrix_layout: i32,
    n: i32,
    a: *mut f64,
    lda: i32,
    ipiv: *const i32,
    work: *mut f64,
    lwork: i32,
) -> i32 {
    with_layout(matrix_layout, |l| {
        // SAFETY: the caller's contract covers the matrix, pivots and workspace.
        unsafe {
            routines::getri(
                l,
                1,
                Some(n.into()),
                a,
                Some(lda.into()),
                ipiv,
                work,
                Some(lwork.into()),
            )
        }
    })
}
