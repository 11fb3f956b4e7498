//! Triangular solve from the left, `B <- T^-1 B` (BLAS `?trsm`, side = 'L').
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
/// `op(T)` is `conj(T)` when `conj`, using diagonal blocks of order `block` (or, where
/// the kernel family's vectorised solve applies and takes fewer rows, recursive halves
/// down to its order); the
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
    // Where the kernel family's vectorised solve applies but takes smaller blocks than
    // asked, halves down to blocks it takes whole.
    if let Some(s) = kern.lower_solve
        && s.rows < block
        && uplo == Uplo::Lower
        && diag == Diag::Unit
        && !T::IS_COMPLEX
        && !conj
    {
        return lower_halves(kern, t, b.rb(), s.rows.max(1), buf);
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

/// `B <- L^-1 B` for a real unit lower `t`, recursively: `B1 <- L11^-1 B1`,
/// `B2 -= L21 B1`, `B2 <- L22^-1 B2`, with `L11` a whole number of `nb`-row blocks
/// about half of it, down to blocks of `nb` rows or fewer, which the vectorised solve
/// takes. The products' depths halve rather than staying `nb`, so fewer, deeper
/// products pass over `B` (a blocked loop updates all of `B` below every block).
fn lower_halves<T: Scalar>(
    kern: &Kernel<T::Real>,
    t: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
    nb: usize,
    buf: &mut Packing<'_, T::Real>,
) {
    let n = t.rows();
    if n <= nb {
        return solve_small(kern, Uplo::Lower, Diag::Unit, t, false, b);
    }
    let n1 = (n / 2).next_multiple_of(nb).min(n - 1);
    let (mut top, mut bottom) = b.rb().split_rows(n1);
    lower_halves(kern, sub(t, 0, 0, n1, n1), top.rb(), nb, buf);
    let one = T::Real::ONE;
    let coupling = sub(t, n1, 0, n - n1, n1);
    gemm(
        kern,
        -one,
        coupling,
        false,
        top.as_ref(),
        false,
        one,
        &mut bottom,
        buf,
    );
    lower_halves(kern, sub(t, n1, n1, n - n1, n - n1), bottom, nb, buf);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::testing::kernels;
    use crate::config::{PACK_A_BYTES, PACK_B_BYTES};
    use crate::scalar::testing::values;
    use crate::scalar::{C64, Real};

    /// Every kernel family (with its vectorised solve, blocked or by halves), both
    /// triangles, unit and non-unit, block orders below, at and above the solve's,
    /// against substitution in `f64`: `T X = B` holds to a few ulps times the order.
    fn solves<T: Scalar>(test: &str) {
        let eps = T::Real::EPSILON.to_f64();
        for kern in kernels::<T::Real>(test) {
            let len = |bytes: usize| bytes / size_of::<T::Real>();
            let (mut pa, mut pb) = (
                vec![T::Real::ZERO; len(PACK_A_BYTES)],
                vec![T::Real::ZERO; len(PACK_B_BYTES)],
            );
            for n in [1, 2, 5, 8, 9, 16, 17, 31, 40] {
                for block in [1, 3, 8, 16, 64] {
                    for (uplo, diag) in [
                        (Uplo::Lower, Diag::Unit),
                        (Uplo::Lower, Diag::NonUnit),
                        (Uplo::Upper, Diag::NonUnit),
                    ] {
                        let cols = 7;
                        let mut t = values::<T>(n * n, n as u64);
                        // A well-conditioned triangle: small off-diagonal entries.
                        for (x, v) in t.iter_mut().enumerate() {
                            let (i, j) = (x % n, x / n);
                            *v = if i == j {
                                T::from_real(T::Real::from_f64(2.0))
                            } else {
                                *v * T::from_real(T::Real::from_f64(0.5 / n as f64))
                            };
                        }
                        let b0 = values::<T>(n * cols, 100 + n as u64);
                        let mut b = b0.clone();
                        let tv = MatRef::col_major(&t, n, n, n).unwrap();
                        let mut bv = MatMut::col_major(&mut b, n, cols, n).unwrap();
                        let mut buf = Packing {
                            a: &mut pa,
                            b: &mut pb,
                        };
                        trsm(&kern, uplo, diag, tv, false, &mut bv, block, &mut buf);
                        // T X against B, in f64 (complex parts separately).
                        for j in 0..cols {
                            for i in 0..n {
                                let (mut re, mut im) = (0.0, 0.0);
                                for k in 0..n {
                                    let inside = match uplo {
                                        Uplo::Lower => k <= i,
                                        Uplo::Upper => k >= i,
                                    };
                                    if !inside {
                                        continue;
                                    }
                                    let tik = if k == i && diag == Diag::Unit {
                                        T::ONE
                                    } else {
                                        t[i + k * n]
                                    };
                                    let p = tik * b[k + j * n];
                                    re += p.re().to_f64();
                                    im += p.im().to_f64();
                                }
                                let want = b0[i + j * n];
                                let err = (re - want.re().to_f64()).abs()
                                    + (im - want.im().to_f64()).abs();
                                assert!(
                                    err <= 64.0 * n as f64 * eps,
                                    "{test} {:?} n {n} block {block} {uplo:?} {diag:?} ({i},{j}): {err}",
                                    kern.arch
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_kernel_solves_every_triangle() {
        solves::<f64>("trsm_f64");
        solves::<f32>("trsm_f32");
        solves::<C64>("trsm_c64");
    }
}
