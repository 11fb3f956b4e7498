//! Triangular solve from the left, `B <- T^-1 B` (BLAS `dtrsm`, side = 'L').
//!
//! Blocked: a small diagonal block is solved directly, the rest of `B` is updated
//! with `gemm`, so almost all flops run in the matrix-multiply kernel.

use super::gemm::{Packing, gemm};
use crate::arch::Kernel;
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

/// Which triangle of `T` holds the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uplo {
    Lower,
    Upper,
}

/// Whether the diagonal of `T` is taken as ones (and not read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diag {
    Unit,
    NonUnit,
}

/// `B <- op(T)^-1 B` for the `n x n` triangle `uplo` of `t` and `B: n x nrhs`, where
/// `op(T)` is `conj(T)` when `conj`, using diagonal blocks of order `block`; the
/// products go through `buf`. Entries of `t` outside the triangle are not read. Shapes
/// agree (the crate's callers guarantee it).
#[allow(clippy::too_many_arguments)]
pub fn trsm<T: Scalar>(
    kern: &Kernel<T::Real>,
    uplo: Uplo,
    diag: Diag,
    t: MatRef<'_, T>,
    conj: bool,
    b: &mut MatMut<'_, T>,
    block: usize,
    buf: &mut Packing<'_, T::Real>,
) {
    let n = b.rows();
    debug_assert!(t.rows() == n && t.cols() == n);
    if t.rows() != n || t.cols() != n || n == 0 {
        return;
    }
    let nb = block.max(1);
    let mut done = 0;
    while done < n {
        let w = nb.min(n - done);
        match uplo {
            Uplo::Lower => {
                // Rows [done, done + w) are solved next, rows below them are updated.
                let (_, tail) = b.rb().split_rows(done);
                let (mut solved, mut below) = tail.split_rows(w);
                solve_small(
                    kern,
                    uplo,
                    diag,
                    sub(t, done, done, w, w),
                    conj,
                    solved.rb(),
                );
                let coupling = sub(t, done + w, done, n - done - w, w);
                let one = T::Real::ONE;
                gemm(
                    kern,
                    -one,
                    coupling,
                    conj,
                    solved.as_ref(),
                    false,
                    one,
                    &mut below,
                    buf,
                );
            }
            Uplo::Upper => {
                // Rows [i0, i0 + w) are solved next, rows above them are updated.
                let i0 = n - done - w;
                let (mut above, tail) = b.rb().split_rows(i0);
                let (mut solved, _) = tail.split_rows(w);
                solve_small(kern, uplo, diag, sub(t, i0, i0, w, w), conj, solved.rb());
                let coupling = sub(t, 0, i0, i0, w);
                let one = T::Real::ONE;
                gemm(
                    kern,
                    -one,
                    coupling,
                    conj,
                    solved.as_ref(),
                    false,
                    one,
                    &mut above,
                    buf,
                );
            }
        }
        done += w;
    }
}

/// A block of `t` that the loop bounds keep inside it.
fn sub<T: Scalar>(t: MatRef<'_, T>, i: usize, j: usize, rows: usize, cols: usize) -> MatRef<'_, T> {
    t.block(i, j, rows, cols)
        .unwrap_or_else(|| unreachable!("block inside the triangle"))
}

/// Unblocked column-oriented substitution; skips zero entries of `B` as reference BLAS
/// does. Contiguous columns go four at a time, so each `T` entry loaded feeds four
/// independent updates; any other layout goes one element at a time. Real unit-lower
/// blocks go to the kernel family's vectorised solve where it has one; the loops are
/// compiled for AVX2 when the family is AVX2's (no operation is fused, so the bits are
/// the baseline build's).
fn solve_small<T: Scalar>(
    kern: &Kernel<T::Real>,
    uplo: Uplo,
    diag: Diag,
    t: MatRef<'_, T>,
    conj: bool,
    mut b: MatMut<'_, T>,
) {
    let n = t.rows();
    let contiguous = t.row_stride() == 1 && b.row_stride() == 1;
    if let Some(s) = kern.lower_solve
        && !T::IS_COMPLEX
        && contiguous
        && uplo == Uplo::Lower
        && diag == Diag::Unit
        && n <= s.rows
        && let (Some(tr), Some(mut br)) = (t.parts(), b.rb().parts())
    {
        let mut j = 0;
        while j < br.cols() {
            let w = s.cols.min(br.cols() - j);
            // SAFETY: t is n x n and b has n rows, both with unit row stride (a real
            // view is its own parts); columns j..j+w are inside b; the kernel family is
            // only handed out when the CPU supports it.
            unsafe {
                (s.run)(
                    n,
                    tr.ptr_at(0, 0),
                    tr.col_stride(),
                    br.rb().ptr_at(0, j),
                    br.col_stride(),
                    w,
                )
            };
            j += w;
        }
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if kern.arch == crate::arch::Arch::Avx2 {
        // SAFETY: a kernel of the AVX2 family is only handed out when the CPU and OS
        // support AVX2.
        return unsafe { substitute_avx2(uplo, diag, t, conj, b) };
    }
    substitute(uplo, diag, t, conj, b);
}

/// [`substitute`] compiled for AVX2.
///
/// # Safety
/// The CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn substitute_avx2<T: Scalar>(
    uplo: Uplo,
    diag: Diag,
    t: MatRef<'_, T>,
    conj: bool,
    b: MatMut<'_, T>,
) {
    substitute(uplo, diag, t, conj, b);
}

/// The substitution loops of [`solve_small`].
#[inline(always)]
fn substitute<T: Scalar>(uplo: Uplo, diag: Diag, t: MatRef<'_, T>, conj: bool, b: MatMut<'_, T>) {
    let n = t.rows();
    let contiguous = t.row_stride() == 1 && b.row_stride() == 1;
    let at = |i: usize, k: usize| {
        // SAFETY: callers pass i, k < n, inside the n x n `t`.
        let v = unsafe { *t.ptr_at(i, k) };
        if conj { v.conj() } else { v }
    };
    let mut j = 0;
    while j < b.cols() {
        let w = if contiguous { 4.min(b.cols() - j) } else { 1 };
        for step in 0..n {
            let k = match uplo {
                Uplo::Lower => step,
                Uplo::Upper => n - 1 - step,
            };
            let mut x = [T::ZERO; 4];
            for (q, xq) in x.iter_mut().enumerate().take(w) {
                // SAFETY: k < n = rows of b, j + q < cols of b.
                unsafe {
                    let bk = b.ptr_at(k, j + q);
                    if diag == Diag::NonUnit && *bk != T::ZERO {
                        *bk = (*bk).div(at(k, k));
                    }
                    *xq = *bk;
                }
            }
            let rows = match uplo {
                Uplo::Lower => k + 1..n,
                Uplo::Upper => 0..k,
            };
            if w == 4 && x.iter().all(|&v| v != T::ZERO) && !conj {
                // SAFETY: t and b have unit row stride (checked above); rows < n and
                // columns j..j+4 < cols, so every pointer below is inside its view,
                // and the four columns of b are distinct columns of one MatMut.
                unsafe {
                    let tk = t.ptr_at(0, k);
                    let c = [
                        b.ptr_at(0, j),
                        b.ptr_at(0, j + 1),
                        b.ptr_at(0, j + 2),
                        b.ptr_at(0, j + 3),
                    ];
                    for i in rows {
                        let l = *tk.add(i);
                        for q in 0..4 {
                            *c[q].add(i) = *c[q].add(i) - x[q] * l;
                        }
                    }
                }
            } else {
                for (q, &xq) in x.iter().enumerate().take(w) {
                    if xq == T::ZERO {
                        continue;
                    }
                    for i in rows.clone() {
                        // SAFETY: i < n, j + q < cols; b(i, j+q) differs from b(k, j+q).
                        unsafe {
                            let bi = b.ptr_at(i, j + q);
                            *bi = *bi - xq * at(i, k);
                        }
                    }
                }
            }
        }
        j += w;
    }
}
