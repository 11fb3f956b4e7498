//! The four routines behind every exported name, for any element type and integer
//! width: argument checks in LAPACK's order, then a call into the core through
//! [`Element`]. Each returns LAPACK's `info`.
//!
//! `shift` is 0 for the Fortran ABI and 1 for the LAPACKE-style API, whose first
//! argument (`layout`) moves every other position by one, as LAPACKE reports them.

use crate::args::{self, Int, Layout, min_ld};
use crate::element::Element;
use forklu::Error;
use forklu::lapack::Trans;

/// `Ok` and `Err` both carry the `info` to report; `Err` stops at the first bad argument.
type Info = Result<i64, i64>;

/// A dimension: present and non-negative, else `-pos`.
fn dim(v: Option<i64>, pos: i64) -> Result<i64, i64> {
    v.filter(|&v| v >= 0).ok_or(-pos)
}

/// A leading dimension: at least `min`, else `-pos`.
fn lead(v: Option<i64>, min: i64, pos: i64) -> Result<i64, i64> {
    v.filter(|&v| v >= min).ok_or(-pos)
}

/// LAPACK's `info` for a routine's result, given the positions of its arguments.
fn info_of(r: Result<(), Error>, a: i64, ipiv: i64, work: i64) -> i64 {
    match r {
        Ok(()) => 0,
        Err(Error::Singular(i)) => i as i64,
        Err(Error::PivotsTooShort | Error::PivotOutOfRange) => -ipiv,
        Err(Error::WorkTooSmall) => -work,
        Err(_) => -a,
    }
}

fn finish(r: Info) -> i64 {
    r.unwrap_or_else(|e| e)
}

/// `getrf` on an `m x n` matrix.
///
/// # Safety
/// LAPACK's contract: `a` spans the stated matrix, `ipiv` holds `min(m, n)` entries.
pub unsafe fn getrf<T: Element, I: Int>(
    layout: Layout,
    shift: i64,
    m: Option<i64>,
    n: Option<i64>,
    a: *mut T,
    lda: Option<i64>,
    ipiv: *mut I,
) -> i64 {
    let run = || -> Info {
        let m = dim(m, 1 + shift)?;
        let n = dim(n, 2 + shift)?;
        let lda = lead(lda, min_ld(layout, m, n), 4 + shift)?;
        if m == 0 || n == 0 {
            return Ok(0);
        }
        // SAFETY: the caller's contract covers the stated matrix and pivots.
        let a = unsafe { args::matrix_mut(layout, a, m, n, lda) }.ok_or(if a.is_null() {
            -(3 + shift)
        } else {
            -(4 + shift)
        })?;
        // SAFETY: as above.
        let ipiv = unsafe { args::array_mut(ipiv, m.min(n)) }.ok_or(-(5 + shift))?;
        Ok(info_of(T::getrf(a, ipiv), 3 + shift, 5 + shift, 0))
    };
    finish(run())
}

/// `getrs`: solves with `trans` = `N`, `T` or `C` (either case).
///
/// # Safety
/// LAPACK's contract for `dgetrs`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getrs<T: Element, I: Int>(
    layout: Layout,
    shift: i64,
    trans: Option<u8>,
    n: Option<i64>,
    nrhs: Option<i64>,
    a: *const T,
    lda: Option<i64>,
    ipiv: *const I,
    b: *mut T,
    ldb: Option<i64>,
) -> i64 {
    let run = || -> Info {
        let trans = match trans {
            Some(b'N' | b'n') => Trans::No,
            Some(b'T' | b't') => Trans::Yes,
            Some(b'C' | b'c') => Trans::Conj,
            _ => return Err(-(1 + shift)),
        };
        let n = dim(n, 2 + shift)?;
        let nrhs = dim(nrhs, 3 + shift)?;
        let lda = lead(lda, min_ld(layout, n, n), 5 + shift)?;
        let ldb = lead(ldb, min_ld(layout, n, nrhs), 8 + shift)?;
        if n == 0 || nrhs == 0 {
            return Ok(0);
        }
        // SAFETY: the caller's contract covers the stated matrices and pivots.
        let lu = unsafe { args::matrix_ref(layout, a, n, n, lda) }.ok_or(if a.is_null() {
            -(4 + shift)
        } else {
            -(5 + shift)
        })?;
        // SAFETY: as above; the pivots are only read.
        let ipiv = unsafe { args::array_ref(ipiv, n) }.ok_or(-(6 + shift))?;
        // SAFETY: as above.
        let bm = unsafe { args::matrix_mut(layout, b, n, nrhs, ldb) }.ok_or(if b.is_null() {
            -(7 + shift)
        } else {
            -(8 + shift)
        })?;
        Ok(info_of(
            T::getrs(trans, lu, ipiv, bm),
            4 + shift,
            6 + shift,
            0,
        ))
    };
    finish(run())
}

/// `gesv`: factor `A` and solve `A X = B`.
///
/// # Safety
/// LAPACK's contract for `dgesv`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gesv<T: Element, I: Int>(
    layout: Layout,
    shift: i64,
    n: Option<i64>,
    nrhs: Option<i64>,
    a: *mut T,
    lda: Option<i64>,
    ipiv: *mut I,
    b: *mut T,
    ldb: Option<i64>,
) -> i64 {
    let run = || -> Info {
        let n = dim(n, 1 + shift)?;
        let nrhs = dim(nrhs, 2 + shift)?;
        let lda = lead(lda, min_ld(layout, n, n), 4 + shift)?;
        let ldb = lead(ldb, min_ld(layout, n, nrhs), 7 + shift)?;
        if n == 0 {
            return Ok(0);
        }
        // SAFETY: the caller's contract covers the stated matrices and pivots.
        let am = unsafe { args::matrix_mut(layout, a, n, n, lda) }.ok_or(if a.is_null() {
            -(3 + shift)
        } else {
            -(4 + shift)
        })?;
        // SAFETY: as above.
        let ipiv = unsafe { args::array_mut(ipiv, n) }.ok_or(-(5 + shift))?;
        // SAFETY: as above.
        let bm = unsafe { args::matrix_mut(layout, b, n, nrhs, ldb) }.ok_or(if b.is_null() {
            -(6 + shift)
        } else {
            -(7 + shift)
        })?;
        Ok(info_of(T::gesv(am, ipiv, bm), 3 + shift, 5 + shift, 0))
    };
    finish(run())
}

/// `getri`: inverse from the factors; `lwork = -1` stores the optimal size in `work[0]`.
///
/// # Safety
/// LAPACK's contract for `dgetri`: `work` has `max(1, lwork)` entries.
#[allow(clippy::too_many_arguments)]
pub unsafe fn getri<T: Element, I: Int>(
    layout: Layout,
    shift: i64,
    n: Option<i64>,
    a: *mut T,
    lda: Option<i64>,
    ipiv: *const I,
    work: *mut T,
    lwork: Option<i64>,
) -> i64 {
    let run = || -> Info {
        let n = dim(n, 1 + shift)?;
        if !work.is_null() {
            let optimal = T::from_len(T::getri_work_len(n as usize));
            // SAFETY: LAPACK's contract gives `work` at least one entry.
            unsafe { work.write(optimal) };
        }
        let lda = lead(lda, min_ld(layout, n, n), 3 + shift)?;
        let lwork = lwork.ok_or(-(6 + shift))?;
        if lwork == -1 {
            return if work.is_null() {
                Err(-(5 + shift))
            } else {
                Ok(0)
            };
        }
        if lwork < n.max(1) {
            return Err(-(6 + shift));
        }
        if n == 0 {
            return Ok(0);
        }
        // SAFETY: the caller's contract covers the matrix, pivots and workspace.
        let am = unsafe { args::matrix_mut(layout, a, n, n, lda) }.ok_or(if a.is_null() {
            -(2 + shift)
        } else {
            -(3 + shift)
        })?;
        // SAFETY: as above; the pivots are only read.
        let ipiv = unsafe { args::array_ref(ipiv, n) }.ok_or(-(4 + shift))?;
        // SAFETY: as above.
        let work = unsafe { args::array_mut(work, lwork) }.ok_or(-(5 + shift))?;
        let info = info_of(T::getri(am, ipiv, work), 2 + shift, 4 + shift, 6 + shift);
        work[0] = T::from_len(T::getri_work_len(n as usize));
        Ok(info)
    };
    finish(run())
}
