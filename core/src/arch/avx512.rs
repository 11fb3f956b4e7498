//! AVX-512F microkernel, 24 x 8: 24 zmm accumulators (3 vectors of 8 rows x 8 columns),
//! 3 registers for the A sliver, 1 for a broadcast B value.

use super::Tile;
use core::arch::x86_64::*;

const MR: usize = 24;
const NR: usize = 8;

/// # Safety
/// See the contract in `arch`; the CPU supports AVX-512F and FMA (checked by dispatch).
pub unsafe fn run(t: &Tile) {
    // SAFETY: forwarded contract; dispatch only hands out this kernel when supported.
    unsafe { tile(t) }
}

#[target_feature(enable = "avx512f,fma")]
unsafe fn tile(t: &Tile) {
    let mut acc = [[_mm512_setzero_pd(); 3]; NR];
    let (mut a, mut b) = (t.a, t.b);
    for _ in 0..t.k {
        // SAFETY: each step reads one sliver of MR values of A and NR of B, within the panels.
        unsafe {
            let av = [
                _mm512_loadu_pd(a),
                _mm512_loadu_pd(a.add(8)),
                _mm512_loadu_pd(a.add(16)),
            ];
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
    if t.m == MR && t.n == NR && t.rs == 1 {
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
