//! Portable 4 x 4 microkernel: the reference the SIMD kernels are tested against,
//! and the fallback on CPUs without them. Plain multiply and add (no FMA in `core`).

use super::Tile;
use crate::config::SCALAR;
use crate::scalar::Real;

const MR: usize = SCALAR.f64.mr;
const NR: usize = SCALAR.f64.nr;
const _: () = assert!(
    SCALAR.f32.mr == MR && SCALAR.f32.nr == NR,
    "one portable tile"
);

/// # Safety
/// See the contract in `arch`: panels of `k` slivers of 4, a valid `m x n` block at `c`.
pub unsafe fn run<R: Real>(t: &Tile<R>) {
    let mut acc = [[R::ZERO; MR]; NR];
    for p in 0..t.k {
        // SAFETY: the panels hold k slivers of MR and NR values.
        let (a, b) = unsafe {
            (
                core::slice::from_raw_parts(t.a.add(p * MR), MR),
                core::slice::from_raw_parts(t.b.add(p * NR), NR),
            )
        };
        for (col, &bj) in acc.iter_mut().zip(b) {
            for (x, &ai) in col.iter_mut().zip(a) {
                *x += ai * bj;
            }
        }
    }
    for (j, col) in acc.iter().enumerate().take(t.n) {
        for (i, &x) in col.iter().enumerate().take(t.m) {
            // SAFETY: i < m, j < n, inside the block the caller guarantees.
            let c = unsafe { &mut *t.c.add(i * t.rs + j * t.cs) };
            *c = if t.beta == R::ZERO {
                t.alpha * x
            } else {
                t.alpha * x + t.beta * *c
            };
        }
    }
}
