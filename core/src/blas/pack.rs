//! Packing operands into the microkernel's panel layout (see `arch`'s contract):
//! slivers of `mr` rows of A or `nr` columns of B, zero-padded to whole slivers.

use crate::arch::Kernel;
use crate::mat::MatRef;

/// Packs `a` (`mc x kc`) as slivers of the kernel's `mr` rows:
/// `buf[s mr kc + p mr + i] = a(s mr + i, p)`.
pub fn pack_a(kern: &Kernel, a: MatRef<'_>, buf: &mut [f64]) {
    let mr = kern.blocks.mr;
    #[cfg(target_arch = "x86_64")]
    if kern.is_avx512() {
        // SAFETY: a kernel of the AVX-512 family is only handed out when the CPU and
        // OS support AVX-512.
        return unsafe { pack_a_avx512(a, mr, buf) };
    }
    pack_a_body(a, mr, buf);
}

/// Packs `b` (`kc x nc`) as slivers of the kernel's `nr` columns:
/// `buf[s nr kc + p nr + j] = b(p, s nr + j)`.
pub fn pack_b(kern: &Kernel, b: MatRef<'_>, buf: &mut [f64]) {
    let nr = kern.blocks.nr;
    #[cfg(target_arch = "x86_64")]
    if kern.is_avx512() {
        // SAFETY: as in `pack_a`.
        return unsafe { pack_b_avx512(b, nr, buf) };
    }
    pack_b_body(b, nr, buf);
}

/// The packing loops compiled for AVX-512: copies then move whole vectors instead of
/// calling `memcpy` per sliver. Copies only, so the bits are the same.
///
/// # Safety
/// The CPU supports AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn pack_a_avx512(a: MatRef<'_>, mr: usize, buf: &mut [f64]) {
    pack_a_body(a, mr, buf);
}

/// # Safety
/// The CPU supports AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn pack_b_avx512(b: MatRef<'_>, nr: usize, buf: &mut [f64]) {
    pack_b_body(b, nr, buf);
}

#[inline(always)]
fn pack_a_body(a: MatRef<'_>, mr: usize, buf: &mut [f64]) {
    let (mc, kc) = (a.rows(), a.cols());
    let full = if a.row_stride() == 1 { mc / mr } else { 0 };
    // Whole slivers column by column: each column of the block is read once, top to
    // bottom, as one stream, instead of a few lines of every column per sliver.
    for p in 0..kc {
        for s in 0..full {
            let dst = &mut buf[s * mr * kc + p * mr..s * mr * kc + (p + 1) * mr];
            // SAFETY: rows s mr..(s + 1) mr of column p are inside `a` and contiguous.
            copy_sliver(dst, unsafe {
                core::slice::from_raw_parts(a.ptr_at(s * mr, p), mr)
            });
        }
    }
    for (s, i0) in (0..mc).step_by(mr).enumerate().skip(full) {
        let rows = mr.min(mc - i0);
        let sliver = &mut buf[s * mr * kc..(s + 1) * mr * kc];
        for (p, dst) in sliver.chunks_exact_mut(mr).enumerate() {
            for (i, d) in dst.iter_mut().enumerate() {
                // SAFETY: i0 + i < mc and p < kc whenever i < rows.
                *d = if i < rows {
                    unsafe { *a.ptr_at(i0 + i, p) }
                } else {
                    0.0
                };
            }
        }
    }
}

#[inline(always)]
fn pack_b_body(b: MatRef<'_>, nr: usize, buf: &mut [f64]) {
    let (kc, nc) = (b.rows(), b.cols());
    for (s, j0) in (0..nc).step_by(nr).enumerate() {
        let cols = nr.min(nc - j0);
        let sliver = &mut buf[s * nr * kc..(s + 1) * nr * kc];
        if cols == nr && b.col_stride() == 1 {
            for (p, dst) in sliver.chunks_exact_mut(nr).enumerate() {
                // SAFETY: columns j0..j0 + nr of row p are inside `b` and contiguous.
                copy_sliver(dst, unsafe {
                    core::slice::from_raw_parts(b.ptr_at(p, j0), nr)
                });
            }
            continue;
        }
        for j in 0..nr {
            for p in 0..kc {
                // SAFETY: p < kc and j0 + j < nc whenever j < cols.
                sliver[p * nr + j] = if j < cols {
                    unsafe { *b.ptr_at(p, j0 + j) }
                } else {
                    0.0
                };
            }
        }
    }
}

/// `dst <- src` for one sliver: a fixed-size copy for the kernels' widths, so a sliver
/// of 8 or 24 values is a few vector moves rather than a call to `memcpy`.
#[inline(always)]
fn copy_sliver(dst: &mut [f64], src: &[f64]) {
    fn fixed<const N: usize>(dst: &mut [f64], src: &[f64]) -> bool {
        match (<&mut [f64; N]>::try_from(dst), <&[f64; N]>::try_from(src)) {
            (Ok(d), Ok(s)) => {
                *d = *s;
                true
            }
            _ => false,
        }
    }
    if !(fixed::<24>(dst, src) || fixed::<8>(dst, src)) {
        dst.copy_from_slice(src);
    }
}
