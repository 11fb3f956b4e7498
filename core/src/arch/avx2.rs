//! AVX2 + FMA microkernels: `f64` in an 8 x 6 tile and `f32` in a 16 x 6 one, each 12
//! ymm accumulators (2 vectors down a column x 6 columns), the rest for the A slivers
//! (this step's, and the next one's as soon as registers free up) and the broadcast B
//! values.
//!
//! One generic tile body serves both widths, and [`Ymm`] names the few vector
//! operations that differ between them, so the edge-tile rules (whole columns, the
//! spill, `beta == 0`) are written once for both.

use super::Tile;
use crate::config::AVX2;
use crate::scalar::Real;
use core::arch::x86_64::*;

/// Vectors of 4 `f64` down one column of the `f64` tile.
const VECS_F64: usize = AVX2.f64.mr / 4;
/// Vectors of 8 `f32` down one column of the `f32` tile.
const VECS_F32: usize = AVX2.f32.mr / 8;
const _: () = assert!(
    AVX2.f64.mr == 4 * VECS_F64 && AVX2.f32.mr == 8 * VECS_F32,
    "the tiles are whole ymm vectors"
);
const _: () = assert!(AVX2.f64.nr >= 1 && AVX2.f32.nr >= 1);

/// The `f64` kernel: `AVX2.f64` (8 x 6), 4 lanes a vector. Tiles of all `mr` rows and
/// unit row stride (full ones, or fewer columns) store whole column vectors; every other
/// tile goes one element at a time through a spill of the accumulators, with the same
/// fused operations, so `arch`'s formula holds on every path.
///
/// # Safety
/// `arch`'s contract for `f64` panels packed with this `mr` and `nr`; the CPU supports
/// AVX2 and FMA (checked by dispatch).
pub unsafe fn run_f64(t: &Tile<f64>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile::<f64, VECS_F64, { AVX2.f64.nr }>(t) }
}

/// The `f32` kernel: `AVX2.f32` (16 x 6), 8 lanes a vector; otherwise as [`run_f64`]:
/// whole column vectors for tiles of all `mr` rows and unit row stride, one element at
/// a time for the others, the same fused operations on every path.
///
/// # Safety
/// `arch`'s contract for `f32` panels packed with this `mr` and `nr`; the CPU supports
/// AVX2 and FMA (checked by dispatch).
pub unsafe fn run_f32(t: &Tile<f32>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile::<f32, VECS_F32, { AVX2.f32.nr }>(t) }
}

/// The ymm operations of the tile for one element type: `f64` (4 lanes) or `f32` (8).
///
/// # Safety
/// Every method needs a CPU with AVX2 and FMA (they run inside [`tile`], which dispatch
/// only enters then), and pointers that address every lane read or written.
trait Ymm: Real {
    /// Lanes of one vector.
    const LANES: usize;
    /// A vector of `LANES` values, lane 0 at the lowest address.
    type V: Copy;
    unsafe fn zero() -> Self::V;
    unsafe fn splat(x: Self) -> Self::V;
    unsafe fn load(p: *const Self) -> Self::V;
    unsafe fn store(p: *mut Self, v: Self::V);
    /// `a b + c`, rounded once.
    unsafe fn fmadd(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// `a b`, lane by lane.
    unsafe fn scale(a: Self::V, b: Self::V) -> Self::V;
    /// `a b + c` for one value, rounded once: the vectors' operation.
    unsafe fn fma(a: Self, b: Self, c: Self) -> Self;
}

impl Ymm for f64 {
    const LANES: usize = 4;
    type V = __m256d;
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn zero() -> __m256d {
        _mm256_setzero_pd()
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn splat(x: f64) -> __m256d {
        _mm256_set1_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn load(p: *const f64) -> __m256d {
        // SAFETY: the caller's pointer addresses 4 values.
        unsafe { _mm256_loadu_pd(p) }
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn store(p: *mut f64, v: __m256d) {
        // SAFETY: as in `load`.
        unsafe { _mm256_storeu_pd(p, v) }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn fmadd(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn scale(a: __m256d, b: __m256d) -> __m256d {
        _mm256_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "fma")]
    unsafe fn fma(a: f64, b: f64, c: f64) -> f64 {
        _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)))
    }
}

impl Ymm for f32 {
    const LANES: usize = 8;
    type V = __m256;
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn zero() -> __m256 {
        _mm256_setzero_ps()
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn splat(x: f32) -> __m256 {
        _mm256_set1_ps(x)
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn load(p: *const f32) -> __m256 {
        // SAFETY: the caller's pointer addresses 8 values.
        unsafe { _mm256_loadu_ps(p) }
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn store(p: *mut f32, v: __m256) {
        // SAFETY: as in `load`.
        unsafe { _mm256_storeu_ps(p, v) }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn fmadd(a: __m256, b: __m256, c: __m256) -> __m256 {
        _mm256_fmadd_ps(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn scale(a: __m256, b: __m256) -> __m256 {
        _mm256_mul_ps(a, b)
    }
    #[inline]
    #[target_feature(enable = "fma")]
    unsafe fn fma(a: f32, b: f32, c: f32) -> f32 {
        _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)))
    }
}

/// The `VECS` vectors of one step's A sliver.
///
/// # Safety
/// `a` addresses `VECS R::LANES` values; the CPU supports AVX2.
#[inline(always)]
unsafe fn sliver<R: Ymm, const VECS: usize>(a: *const R) -> [R::V; VECS] {
    // SAFETY: the caller's CPU and pointer.
    unsafe { core::array::from_fn(|v| R::load(a.add(R::LANES * v))) }
}

/// One step of the k loop: the tile's accumulators gain the A sliver `av` times the
/// `NR` B values at `b`, one fused multiply-add each.
///
/// # Safety
/// `b` addresses `NR` values; the CPU supports AVX2 and FMA.
#[inline(always)]
unsafe fn step<R: Ymm, const VECS: usize, const NR: usize>(
    acc: &mut [[R::V; VECS]; NR],
    av: &[R::V; VECS],
    b: *const R,
) {
    for (j, col) in acc.iter_mut().enumerate() {
        // SAFETY: the caller's CPU and pointer (value j < NR).
        unsafe {
            let bj = R::splat(*b.add(j));
            for (x, &ai) in col.iter_mut().zip(av) {
                *x = R::fmadd(ai, bj, *x);
            }
        }
    }
}

/// One `VECS R::LANES x NR` tile, as `arch`'s contract says.
///
/// # Safety
/// The contract, for panels packed with `mr = VECS R::LANES` and `nr = NR`; the CPU
/// supports AVX2 and FMA.
#[target_feature(enable = "avx2,fma")]
unsafe fn tile<R: Ymm, const VECS: usize, const NR: usize>(t: &Tile<R>) {
    const { assert!(size_of::<R::V>() == R::LANES * size_of::<R>()) };
    let (lanes, mr) = (R::LANES, VECS * R::LANES);
    t.prefetch_c();
    // SAFETY: this function runs with AVX2 and FMA (all the bare vector operations below).
    let mut acc = unsafe { [[R::zero(); VECS]; NR] };
    if t.k > 0 {
        // Four steps a pass, each loading the next step's A sliver before its own
        // products, so no multiply waits on a load. Passes run while at least one step
        // follows them (every early load stays inside the panel); the last one to four
        // steps run after.
        let (mut a, mut b) = (t.a, t.b);
        // SAFETY: the first sliver of A is inside the panel (k > 0).
        let mut av = unsafe { sliver::<R, VECS>(a) };
        let mut left = t.k;
        while left > 4 {
            for _ in 0..4 {
                // SAFETY: more steps follow this one (left > 4 before the pass), so the
                // next sliver of A, like this step's B values, is inside the panels.
                unsafe {
                    a = a.add(mr);
                    let next = sliver::<R, VECS>(a);
                    step(&mut acc, &av, b);
                    b = b.add(NR);
                    av = next;
                }
            }
            left -= 4;
        }
        loop {
            // SAFETY: `left` steps remain, so this step's B values are inside the panel.
            unsafe { step(&mut acc, &av, b) };
            left -= 1;
            if left == 0 {
                break;
            }
            // SAFETY: another step remains: its slivers are inside the panels.
            unsafe {
                a = a.add(mr);
                b = b.add(NR);
                av = sliver::<R, VECS>(a);
            }
        }
    }
    let overwrite = t.beta == R::ZERO;
    if t.m == mr && t.rs == 1 {
        // Whole columns (a full tile, or an edge tile with fewer columns): vectors.
        // SAFETY: as for `acc`.
        let (alpha, beta) = unsafe { (R::splat(t.alpha), R::splat(t.beta)) };
        for (j, col) in acc.iter().enumerate().take(t.n) {
            for (v, &x) in col.iter().enumerate() {
                // SAFETY: all mr rows, unit row stride: the rows of vector v of column j < n.
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
    // Fewer rows or a non-unit row stride: the accumulators stored column by column,
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
