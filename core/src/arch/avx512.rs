//! AVX-512F microkernel, 24 x 8: 24 zmm accumulators (3 vectors of 8 rows x 8 columns),
//! 3 registers for the A sliver, 1 for a broadcast B value.

use super::Tile;
use crate::config::AVX512;
use core::arch::x86_64::*;

const MR: usize = AVX512.f64.mr;
const NR: usize = AVX512.f64.nr;
/// Vectors of 8 `f64` down one column of the tile.
const VECS: usize = MR / 8;
const _: () = assert!(MR == 8 * VECS && NR >= 1, "the tile is whole zmm vectors");

/// # Safety
/// See the contract in `arch`; the CPU supports AVX-512F and FMA (checked by dispatch).
pub unsafe fn run(t: &Tile<f64>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile(t) }
}

#[target_feature(enable = "avx512f,fma")]
unsafe fn tile(t: &Tile<f64>) {
    t.prefetch_c();
    let mut acc = [[_mm512_setzero_pd(); VECS]; NR];
    let (mut a, mut b) = (t.a, t.b);
    for _ in 0..t.k {
        // SAFETY: each step reads one sliver of MR values of A and NR of B, within the panels.
        unsafe {
            let mut av = [_mm512_setzero_pd(); VECS];
            for (v, x) in av.iter_mut().enumerate() {
                *x = _mm512_loadu_pd(a.add(8 * v));
            }
            for (j, col) in acc.iter_mut().enumerate() {
                let bj = _mm512_set1_pd(*b.add(j));
                for (x, &ai) in col.iter_mut().zip(&av) {
                    *x = _mm512_fmadd_pd(ai, bj, *x);
                }
            }
            a = a.add(MR);
            b = b.add(NR);
        }
    }
    let alpha = _mm512_set1_pd(t.alpha);
    let beta = _mm512_set1_pd(t.beta);
    if t.rs == 1 && t.m == MR && t.n == NR {
        // A full tile: whole vectors.
        for (j, col) in acc.iter().enumerate() {
            for (v, &x) in col.iter().enumerate() {
                // SAFETY: a full tile with unit row stride: rows 8v..8v+8 of column j.
                unsafe {
                    let c = t.c.add(j * t.cs + 8 * v);
                    let out = if t.beta == 0.0 {
                        _mm512_mul_pd(alpha, x)
                    } else {
                        _mm512_fmadd_pd(alpha, x, _mm512_mul_pd(beta, _mm512_loadu_pd(c)))
                    };
                    _mm512_storeu_pd(c, out);
                }
            }
        }
        return;
    }
    if t.rs == 1 {
        // An edge tile: masked vectors, the same arithmetic on the lanes of valid rows.
        for (j, col) in acc.iter().enumerate().take(t.n) {
            for (v, &x) in col.iter().enumerate() {
                let rows = t.m.saturating_sub(8 * v).min(8);
                if rows == 0 {
                    break;
                }
                let mask = ((1u32 << rows) - 1) as __mmask8;
                // SAFETY: rows 8v..8v+rows of column j are inside the tile's block;
                // masked-off lanes are neither read nor written, and cannot fault.
                unsafe {
                    let c = t.c.add(j * t.cs + 8 * v);
                    let out = if t.beta == 0.0 {
                        _mm512_mul_pd(alpha, x)
                    } else {
                        let old = _mm512_mul_pd(beta, _mm512_maskz_loadu_pd(mask, c));
                        _mm512_fmadd_pd(alpha, x, old)
                    };
                    _mm512_mask_storeu_pd(c, mask, out);
                }
            }
        }
        return;
    }
    let mut spill = [0.0f64; MR * NR];
    for (j, col) in acc.iter().enumerate() {
        for (v, &x) in col.iter().enumerate() {
            // SAFETY: spill holds MR * NR values; column j, rows 8v..8v+8.
            unsafe { _mm512_storeu_pd(spill.as_mut_ptr().add(j * MR + 8 * v), x) };
        }
    }
    for j in 0..t.n {
        for i in 0..t.m {
            // SAFETY: i < m, j < n, inside the block the caller guarantees.
            unsafe {
                let c = t.c.add(i * t.rs + j * t.cs);
                *c = store_one(t.alpha, spill[j * MR + i], t.beta, *c);
            }
        }
    }
}

/// The tile formula for one element, with the same fused operation as the vector path.
#[inline]
#[target_feature(enable = "avx512f,fma")]
fn store_one(alpha: f64, acc: f64, beta: f64, c: f64) -> f64 {
    if beta == 0.0 {
        alpha * acc
    } else {
        _mm_cvtsd_f64(_mm_fmadd_sd(
            _mm_set_sd(alpha),
            _mm_set_sd(acc),
            _mm_set_sd(beta * c),
        ))
    }
}

/// Rows of the diagonal block [`lower_unit_solve`] takes: two vectors of 8.
const SOLVE_ROWS: usize = match AVX512.lower_solve {
    Some(s) => s.rows,
    None => 0,
};
/// Columns of `B` it solves at once, each in its own pair of registers.
const SOLVE_COLS: usize = match AVX512.lower_solve {
    Some(s) => s.cols,
    None => 0,
};
const _: () = assert!(
    SOLVE_ROWS == 16 && SOLVE_COLS >= 1,
    "two zmm vectors of rows"
);

/// # Safety
/// As [`lower_unit_solve`]; dispatch only hands this out when AVX-512F is supported.
pub unsafe fn solve(n: usize, t: *const f64, ldt: usize, b: *mut f64, ldb: usize, cols: usize) {
    // SAFETY: forwarded contract.
    unsafe { lower_unit_solve(n, t, ldt, b, ldb, cols) }
}

/// `B <- L^-1 B` for the unit lower triangle `L` of order `n <= 16` at `t` (column
/// stride `ldt`; only entries strictly below the diagonal are read) and `B`, `n x cols`
/// with `cols <= 8`, at `b` (column stride `ldb`, unit row stride). Forward
/// substitution as reference `dtrsm` orders it, `B(i, j) -= B(k, j) L(i, k)` for
/// `k = 0, 1, ...`, fused, and skipped where `B(k, j)` is zero (as reference BLAS
/// skips it, so an infinite `L(i, k)` cannot turn a zero into NaN).
///
/// # Safety
/// `t` and `b` address the stated blocks; the CPU supports AVX-512F (checked by dispatch).
#[target_feature(enable = "avx512f,fma")]
pub unsafe fn lower_unit_solve(
    n: usize,
    t: *const f64,
    ldt: usize,
    b: *mut f64,
    ldb: usize,
    cols: usize,
) {
    debug_assert!(n <= SOLVE_ROWS && cols <= SOLVE_COLS);
    // Eight columns interleave eight independent chains; fewer go one at a time,
    // through the same arithmetic.
    // SAFETY: forwarded contract; each call covers columns inside b.
    unsafe {
        if cols == SOLVE_COLS {
            solve_columns::<SOLVE_COLS>(n, t, ldt, b, ldb);
        } else {
            for c in 0..cols {
                solve_columns::<1>(n, t, ldt, b.add(c * ldb), ldb);
            }
        }
    }
}

/// Lanes of the low and high vector holding rows `from..n`.
#[inline]
fn rows_from(from: usize, n: usize) -> (__mmask8, __mmask8) {
    let rows = (1u32 << n) - 1;
    let m = rows & !((1u32 << from) - 1);
    (m as __mmask8, (m >> 8) as __mmask8)
}

/// [`lower_unit_solve`] for exactly `C` columns, every register indexed by constants
/// so the `2 C` vectors of `B` stay in registers.
#[inline]
#[target_feature(enable = "avx512f,fma")]
unsafe fn solve_columns<const C: usize>(
    n: usize,
    t: *const f64,
    ldt: usize,
    b: *mut f64,
    ldb: usize,
) {
    let (all_lo, all_hi) = rows_from(0, n);
    let mut lo = [_mm512_setzero_pd(); C];
    let mut hi = [_mm512_setzero_pd(); C];
    for c in 0..C {
        // SAFETY: column c < C of B, rows < n (masked lanes are not accessed).
        unsafe {
            lo[c] = _mm512_maskz_loadu_pd(all_lo, b.add(c * ldb));
            hi[c] = _mm512_maskz_loadu_pd(all_hi, b.add(c * ldb + 8));
        }
    }
    let zero = _mm512_setzero_pd();
    // Row k of B is eliminated from the rows below it: B(k, j) is lane k of `lo` for
    // k < 8, of `hi` after.
    for k in 0..n.saturating_sub(1) {
        let (mlo, mhi) = rows_from(k + 1, n);
        // SAFETY: column k < n of L, rows k+1..n only (the rest is masked off).
        let (llo, lhi) = unsafe {
            let col = t.add(k * ldt);
            (
                _mm512_maskz_loadu_pd(mlo, col),
                _mm512_maskz_loadu_pd(mhi, col.add(8)),
            )
        };
        let lane = _mm512_set1_epi64((k % 8) as i64);
        for c in 0..C {
            let bk = _mm512_permutexvar_pd(lane, if k < 8 { lo[c] } else { hi[c] });
            // Rows below k, in the columns where B(k, j) is not zero (NaN is not zero).
            let klo = _mm512_mask_cmp_pd_mask::<_CMP_NEQ_UQ>(mlo, bk, zero);
            let khi = _mm512_mask_cmp_pd_mask::<_CMP_NEQ_UQ>(mhi, bk, zero);
            lo[c] = _mm512_mask3_fnmadd_pd(llo, bk, lo[c], klo);
            hi[c] = _mm512_mask3_fnmadd_pd(lhi, bk, hi[c], khi);
        }
    }
    for c in 0..C {
        // SAFETY: as for the loads.
        unsafe {
            _mm512_mask_storeu_pd(b.add(c * ldb), all_lo, lo[c]);
            _mm512_mask_storeu_pd(b.add(c * ldb + 8), all_hi, hi[c]);
        }
    }
}
