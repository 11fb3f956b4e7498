//! AVX-512F microkernels: `f64` in a 24 x 8 tile and `f32` in a 48 x 8 one, each 24 zmm
//! accumulators (3 vectors down a column x 8 columns), 3 registers for the A sliver and
//! 1 for a broadcast B value; and the `f64` unit-lower solve of `trsm`.
//!
//! One generic tile body serves both widths, and [`Zmm`] names the few vector
//! operations that differ between them, so the edge-tile rules (masks, the spill for
//! strided rows, `beta == 0`) are written once for both.

use super::Tile;
use crate::config::AVX512;
use crate::scalar::Real;
use core::arch::x86_64::*;

/// Vectors of 8 `f64` down one column of the `f64` tile.
const VECS_F64: usize = AVX512.f64.mr / 8;
/// Vectors of 16 `f32` down one column of the `f32` tile.
const VECS_F32: usize = AVX512.f32.mr / 16;
const _: () = assert!(
    AVX512.f64.mr == 8 * VECS_F64 && AVX512.f32.mr == 16 * VECS_F32,
    "the tiles are whole zmm vectors"
);
const _: () = assert!(AVX512.f64.nr >= 1 && AVX512.f32.nr >= 1);

/// The `f64` kernel: `AVX512.f64` (24 x 8), 8 lanes a vector. Full tiles store whole
/// vectors, edge tiles 8-lane masked vectors (masked-off lanes are neither read nor
/// written), tiles of non-unit row stride one element at a time; every path computes
/// `arch`'s formula with the same fused operations.
///
/// # Safety
/// `arch`'s contract for `f64` panels packed with this `mr` and `nr`; the CPU supports
/// AVX-512F and FMA (checked by dispatch).
pub unsafe fn run_f64(t: &Tile<f64>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile::<f64, VECS_F64, { AVX512.f64.nr }>(t) }
}

/// The `f32` kernel: `AVX512.f32` (48 x 8), 16 lanes a vector; otherwise as
/// [`run_f64`]: whole vectors for full tiles, 16-lane masks for edge tiles, one element
/// at a time for a non-unit row stride, the same fused operations on every path.
///
/// # Safety
/// `arch`'s contract for `f32` panels packed with this `mr` and `nr`; the CPU supports
/// AVX-512F and FMA (checked by dispatch).
pub unsafe fn run_f32(t: &Tile<f32>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile::<f32, VECS_F32, { AVX512.f32.nr }>(t) }
}

/// The zmm operations of the tile for one element type: `f64` (8 lanes) or `f32` (16).
///
/// # Safety
/// Every method needs a CPU with AVX-512F and FMA (they run inside [`tile`], which
/// dispatch only enters then), and pointers that address every lane read or written
/// (masked-off lanes are not touched).
trait Zmm: Real {
    /// Lanes of one vector.
    const LANES: usize;
    /// A vector of `LANES` values, lane 0 at the lowest address.
    type V: Copy;
    unsafe fn zero() -> Self::V;
    unsafe fn splat(x: Self) -> Self::V;
    unsafe fn load(p: *const Self) -> Self::V;
    unsafe fn store(p: *mut Self, v: Self::V);
    /// Lanes `0..rows` from `p` (`rows <= LANES`), zero in the others.
    unsafe fn load_rows(p: *const Self, rows: usize) -> Self::V;
    /// Lanes `0..rows` of `v` to `p` (`rows <= LANES`).
    unsafe fn store_rows(p: *mut Self, rows: usize, v: Self::V);
    /// `a b + c`, rounded once.
    unsafe fn fmadd(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// `a b`, lane by lane.
    unsafe fn scale(a: Self::V, b: Self::V) -> Self::V;
    /// `a b + c` for one value, rounded once: the vectors' operation.
    unsafe fn fma(a: Self, b: Self, c: Self) -> Self;
}

impl Zmm for f64 {
    const LANES: usize = 8;
    type V = __m512d;
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn zero() -> __m512d {
        _mm512_setzero_pd()
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn splat(x: f64) -> __m512d {
        _mm512_set1_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(p: *const f64) -> __m512d {
        // SAFETY: the caller's pointer addresses 8 values.
        unsafe { _mm512_loadu_pd(p) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store(p: *mut f64, v: __m512d) {
        // SAFETY: as in `load`.
        unsafe { _mm512_storeu_pd(p, v) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load_rows(p: *const f64, rows: usize) -> __m512d {
        // SAFETY: the caller's pointer addresses `rows` values; the others are masked.
        unsafe { _mm512_maskz_loadu_pd(((1u32 << rows) - 1) as __mmask8, p) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store_rows(p: *mut f64, rows: usize, v: __m512d) {
        // SAFETY: as in `load_rows`.
        unsafe { _mm512_mask_storeu_pd(p, ((1u32 << rows) - 1) as __mmask8, v) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn fmadd(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn scale(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "fma")]
    unsafe fn fma(a: f64, b: f64, c: f64) -> f64 {
        _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)))
    }
}

impl Zmm for f32 {
    const LANES: usize = 16;
    type V = __m512;
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn zero() -> __m512 {
        _mm512_setzero_ps()
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn splat(x: f32) -> __m512 {
        _mm512_set1_ps(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(p: *const f32) -> __m512 {
        // SAFETY: the caller's pointer addresses 16 values.
        unsafe { _mm512_loadu_ps(p) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store(p: *mut f32, v: __m512) {
        // SAFETY: as in `load`.
        unsafe { _mm512_storeu_ps(p, v) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load_rows(p: *const f32, rows: usize) -> __m512 {
        // SAFETY: the caller's pointer addresses `rows` values; the others are masked.
        unsafe { _mm512_maskz_loadu_ps(((1u32 << rows) - 1) as __mmask16, p) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store_rows(p: *mut f32, rows: usize, v: __m512) {
        // SAFETY: as in `load_rows`.
        unsafe { _mm512_mask_storeu_ps(p, ((1u32 << rows) - 1) as __mmask16, v) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn fmadd(a: __m512, b: __m512, c: __m512) -> __m512 {
        _mm512_fmadd_ps(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn scale(a: __m512, b: __m512) -> __m512 {
        _mm512_mul_ps(a, b)
    }
    #[inline]
    #[target_feature(enable = "fma")]
    unsafe fn fma(a: f32, b: f32, c: f32) -> f32 {
        _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)))
    }
}

/// One `VECS R::LANES x NR` tile, as `arch`'s contract says.
///
/// # Safety
/// The contract, for panels packed with `mr = VECS R::LANES` and `nr = NR`; the CPU
/// supports AVX-512F and FMA.
#[target_feature(enable = "avx512f,fma")]
unsafe fn tile<R: Zmm, const VECS: usize, const NR: usize>(t: &Tile<R>) {
    const { assert!(size_of::<R::V>() == R::LANES * size_of::<R>()) };
    let (lanes, mr) = (R::LANES, VECS * R::LANES);
    t.prefetch_c();
    // SAFETY: this function runs with AVX-512F (all the bare vector operations below).
    let mut acc = unsafe { [[R::zero(); VECS]; NR] };
    let (mut a, mut b) = (t.a, t.b);
    for _ in 0..t.k {
        // SAFETY: each step reads one sliver of mr values of A and NR of B, within the panels.
        unsafe {
            let mut av = [R::zero(); VECS];
            for (v, x) in av.iter_mut().enumerate() {
                *x = R::load(a.add(lanes * v));
            }
            for (j, col) in acc.iter_mut().enumerate() {
                let bj = R::splat(*b.add(j));
                for (x, &ai) in col.iter_mut().zip(&av) {
                    *x = R::fmadd(ai, bj, *x);
                }
            }
            a = a.add(mr);
            b = b.add(NR);
        }
    }
    // SAFETY: as for `acc`.
    let (alpha, beta) = unsafe { (R::splat(t.alpha), R::splat(t.beta)) };
    let overwrite = t.beta == R::ZERO;
    if t.rs == 1 && t.m == mr && t.n == NR {
        // A full tile: whole vectors.
        for (j, col) in acc.iter().enumerate() {
            for (v, &x) in col.iter().enumerate() {
                // SAFETY: a full tile with unit row stride: the rows of vector v of column j.
                unsafe {
                    let c = t.c.add(j * t.cs + lanes * v);
                    let out = if overwrite {
                        R::scale(alpha, x)
                    } else {
                        R::fmadd(alpha, x, R::scale(beta, R::load(c)))
                    };
                    R::store(c, out);
                }
            }
        }
        return;
    }
    if t.rs == 1 {
        // An edge tile: masked vectors, the same arithmetic on the lanes of valid rows.
        for (j, col) in acc.iter().enumerate().take(t.n) {
            for (v, &x) in col.iter().enumerate() {
                let rows = t.m.saturating_sub(lanes * v).min(lanes);
                if rows == 0 {
                    break;
                }
                // SAFETY: the first `rows` rows of vector v of column j are inside the
                // tile's block; masked-off lanes are neither read nor written.
                unsafe {
                    let c = t.c.add(j * t.cs + lanes * v);
                    let out = if overwrite {
                        R::scale(alpha, x)
                    } else {
                        R::fmadd(alpha, x, R::scale(beta, R::load_rows(c, rows)))
                    };
                    R::store_rows(c, rows, out);
                }
            }
        }
        return;
    }
    // A non-unit row stride: the accumulators stored column by column,
    // element (i, j) at `j mr + i`, then one element at a time. (A copy, not a pointer
    // into `acc`: a pointer would keep `acc` in memory throughout the k loop.)
    // SAFETY: as for `acc`.
    let mut spill = unsafe { [[R::zero(); VECS]; NR] };
    let spill = spill.as_mut_ptr().cast::<R>();
    for (j, col) in acc.iter().enumerate() {
        for (v, &x) in col.iter().enumerate() {
            // SAFETY: `spill` holds mr NR values; vector v of column j.
            unsafe { R::store(spill.add(j * mr + lanes * v), x) };
        }
    }
    for j in 0..t.n {
        for i in 0..t.m {
            // SAFETY: i < m <= mr, j < n <= NR inside `spill`; (i, j) is inside the block
            // the caller guarantees; the scalar FMA needs FMA, which this function has.
            unsafe {
                let c = t.c.add(i * t.rs + j * t.cs);
                let x = *spill.add(j * mr + i);
                *c = if overwrite {
                    t.alpha * x
                } else {
                    R::fma(t.alpha, x, t.beta * *c)
                };
            }
        }
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
