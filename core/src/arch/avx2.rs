//! AVX2 + FMA microkernel, 8 x 6: 12 ymm accumulators (2 vectors of 4 rows x 6
//! columns), 2 registers for the A sliver, 1 for a broadcast B value.

use super::Tile;
use crate::config::AVX2;
use core::arch::x86_64::*;

const MR: usize = AVX2.f64.mr;
const NR: usize = AVX2.f64.nr;
/// Vectors of 4 `f64` down one column of the tile.
const VECS: usize = MR / 4;
const _: () = assert!(MR == 4 * VECS && NR >= 1, "the tile is whole ymm vectors");

/// # Safety
/// See the contract in `arch`; the CPU supports AVX2 and FMA (checked by dispatch).
pub unsafe fn run(t: &Tile<f64>) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile(t) }
}

#[target_feature(enable = "avx2,fma")]
unsafe fn tile(t: &Tile<f64>) {
    t.prefetch_c();
    let mut acc = [[_mm256_setzero_pd(); VECS]; NR];
    let (mut a, mut b) = (t.a, t.b);
    for _ in 0..t.k {
        // SAFETY: each step reads one sliver of MR values of A and NR of B, within the panels.
        unsafe {
            let mut av = [_mm256_setzero_pd(); VECS];
            for (v, x) in av.iter_mut().enumerate() {
                *x = _mm256_loadu_pd(a.add(4 * v));
            }
            for (j, col) in acc.iter_mut().enumerate() {
                let bj = _mm256_set1_pd(*b.add(j));
                for (x, &ai) in col.iter_mut().zip(&av) {
                    *x = _mm256_fmadd_pd(ai, bj, *x);
                }
            }
            a = a.add(MR);
            b = b.add(NR);
        }
    }
    let alpha = _mm256_set1_pd(t.alpha);
    let beta = _mm256_set1_pd(t.beta);
    if t.m == MR && t.rs == 1 {
        // Whole columns (a full tile, or an edge tile with fewer columns): vectors.
        for (j, col) in acc.iter().enumerate().take(t.n) {
            for (v, &x) in col.iter().enumerate() {
                // SAFETY: all MR rows, unit row stride: rows 4v..4v+4 of column j < n.
                unsafe {
                    let c = t.c.add(j * t.cs + 4 * v);
                    let out = if t.beta == 0.0 {
                        _mm256_mul_pd(alpha, x)
                    } else {
                        _mm256_fmadd_pd(alpha, x, _mm256_mul_pd(beta, _mm256_loadu_pd(c)))
                    };
                    _mm256_storeu_pd(c, out);
                }
            }
        }
        return;
    }
    let mut spill = [0.0f64; MR * NR];
    for (j, col) in acc.iter().enumerate() {
        for (v, &x) in col.iter().enumerate() {
            // SAFETY: spill holds MR * NR values; column j, rows 4v..4v+4.
            unsafe { _mm256_storeu_pd(spill.as_mut_ptr().add(j * MR + 4 * v), x) };
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
#[target_feature(enable = "avx2,fma")]
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
