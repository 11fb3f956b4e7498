//! The LAPACKE calling convention around the four routines: values instead of pointers,
//! a `matrix_layout` first (its `info` position counts), `int` integers, `info`
//! returned. Each exported LAPACKE-style name (`forklu_dgetrf`, ...) is one call to
//! these, the element type inferred from its pointers.

use crate::args::Layout;
use crate::element::Element;
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

/// `LAPACKE_?getrf`.
///
/// # Safety
/// `a` spans the stated matrix; `ipiv` holds `min(m, n)` entries.
pub unsafe fn getrf<T: Element>(
    matrix_layout: i32,
    m: i32,
    n: i32,
    a: *mut T,
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

/// `LAPACKE_?getrs`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getrs<T: Element>(
    matrix_layout: i32,
    trans: c_char,
    n: i32,
    nrhs: i32,
    a: *const T,
    lda: i32,
    ipiv: *const i32,
    b: *mut T,
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

/// `LAPACKE_?gesv`.
///
/// # Safety
/// The matrices span their stated sizes; `ipiv` holds `n` entries.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gesv<T: Element>(
    matrix_layout: i32,
    n: i32,
    nrhs: i32,
    a: *mut T,
    lda: i32,
    ipiv: *mut i32,
    b: *mut T,
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

/// `LAPACKE_?getri_work`.
///
/// # Safety
/// `a` spans the matrix, `ipiv` holds `n` entries, `work` holds `max(1, lwork)`.
pub unsafe fn getri<T: Element>(
    matrix_layout: i32,
    n: i32,
    a: *mut T,
    lda: i32,
    ipiv: *const i32,
    work: *mut T,
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
