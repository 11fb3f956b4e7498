//! Packing operands into the microkernel's panel layout (see `arch`'s contract):
//! slivers of `mr` rows of A or `nr` columns of B, zero-padded to whole slivers.
//!
//! Complex operands are packed for the real kernels of their parts (BLIS's 1m method):
//! an element `a = ar + i ai` of A becomes the real 2 x 2 block `[ar -ai; ai ar]`, an
//! element `b` of B the real column `[br; bi]`. The real product of those panels is C's
//! parts, `re` above `im` in each column, with no extra flops.

use crate::arch::Kernel;
use crate::mat::MatRef;
use crate::scalar::{Real, Scalar};

/// Packs the block `a` (`mc x kc` of `T`, so `W mc x W kc` reals, `W` the parts per
/// element) as slivers of the kernel's `mr` real rows:
/// `buf[s mr K + p mr + i] = A(s mr + i, p)` for the real matrix A of `K = W kc` columns.
/// `conj` packs the conjugate of `a`.
pub fn pack_a<T: Scalar>(
    kern: &Kernel<T::Real>,
    a: MatRef<'_, T>,
    conj: bool,
    buf: &mut [T::Real],
) {
    let mr = kern.blocks.mr;
    #[cfg(target_arch = "x86_64")]
    if kern.arch >= crate::arch::Arch::Avx2 {
        // SAFETY: kernels of the AVX2 and AVX-512 families are only handed out when the
        // CPU and OS support AVX2 (every AVX-512 CPU does).
        return unsafe { pack_a_avx2(a, mr, conj, buf) };
    }
    pack_a_body(a, mr, conj, buf);
}

/// Packs the block `b` (`kc x nc` of `T`, so `W kc x nc` reals) as slivers of the
/// kernel's `nr` columns: `buf[s nr K + p nr + j] = B(p, s nr + j)`; `conj` packs the
/// conjugate of `b`.
pub fn pack_b<T: Scalar>(
    kern: &Kernel<T::Real>,
    b: MatRef<'_, T>,
    conj: bool,
    buf: &mut [T::Real],
) {
    let nr = kern.blocks.nr;
    #[cfg(target_arch = "x86_64")]
    if kern.arch >= crate::arch::Arch::Avx2 {
        // SAFETY: as above.
        return unsafe { pack_b_avx2(b, nr, conj, buf) };
    }
    pack_b_body(b, nr, conj, buf);
}

/// The packing loops compiled for AVX2, for the AVX2 and AVX-512 families alike (one
/// vector build besides the baseline one keeps a static program small; on the
/// AVX-512 hosts measured, the 256-bit copies ran as fast): whole vectors instead of
/// `memcpy` calls per sliver. Copies and sign flips only, so the bits are the same.
///
/// # Safety
/// The CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pack_a_avx2<T: Scalar>(a: MatRef<'_, T>, mr: usize, conj: bool, buf: &mut [T::Real]) {
    pack_a_body(a, mr, conj, buf);
}

/// # Safety
/// The CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pack_b_avx2<T: Scalar>(b: MatRef<'_, T>, nr: usize, conj: bool, buf: &mut [T::Real]) {
    pack_b_body(b, nr, conj, buf);
}

#[inline(always)]
fn pack_a_body<T: Scalar>(a: MatRef<'_, T>, mr: usize, conj: bool, buf: &mut [T::Real]) {
    if T::IS_COMPLEX {
        return pack_a_pairs(a, mr, conj, buf);
    }
    let a = a
        .parts()
        .unwrap_or_else(|| unreachable!("a real view is its own parts"));
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
                    T::Real::ZERO
                };
            }
        }
    }
}

/// [`pack_a_body`] for complex `a`: each element `(ar, ai)` (conjugated first when
/// `conj`) fills real rows `2i, 2i + 1` and columns `2p, 2p + 1` with `[ar -ai; ai ar]`.
#[inline(always)]
fn pack_a_pairs<T: Scalar>(a: MatRef<'_, T>, mr: usize, conj: bool, buf: &mut [T::Real]) {
    let (mc, kc) = (2 * a.rows(), 2 * a.cols());
    let half = mr / 2;
    for (s, i0) in (0..a.rows()).step_by(half).enumerate() {
        let rows = half.min(a.rows() - i0);
        let sliver = &mut buf[s * mr * kc..(s + 1) * mr * kc];
        for p in 0..a.cols() {
            let (col_re, col_im) = sliver[2 * p * mr..(2 * p + 2) * mr].split_at_mut(mr);
            if rows == half
                && a.row_stride() == 1
                && let Some(col) = a.col(p)
            {
                // SAFETY: a complex `T` is `#[repr(C)]` `re`, `im` of `T::Real` (sizes
                // asserted in `mat`): rows i0..i0 + half of column p are `mr` reals.
                let src =
                    unsafe { core::slice::from_raw_parts(col[i0..i0 + half].as_ptr().cast(), mr) };
                if pairs_sliver(src, conj, col_re, col_im) {
                    continue;
                }
            }
            for i in 0..half {
                let (re, im) = if i < rows {
                    // SAFETY: i0 + i < rows of `a` and p < cols.
                    let v = unsafe { *a.ptr_at(i0 + i, p) };
                    let v = if conj { v.conj() } else { v };
                    (v.re(), v.im())
                } else {
                    (T::Real::ZERO, T::Real::ZERO)
                };
                col_re[2 * i] = re;
                col_re[2 * i + 1] = im;
                col_im[2 * i] = -im;
                col_im[2 * i + 1] = re;
            }
        }
    }
    debug_assert!(mc.div_ceil(mr) * mr * kc <= buf.len());
}

/// One whole column of a complex sliver from `src`, the `mr` interleaved parts of
/// `mr / 2` elements: `re` gets them as they are (conjugated when `conj`), `im` each
/// pair `(r, i)` as `(-i, r)`. A fixed `mr`, so the swaps and sign flips are a few
/// vector operations; false (nothing written) for an `mr` without this path.
#[inline(always)]
fn pairs_sliver<R: Real>(src: &[R], conj: bool, re: &mut [R], im: &mut [R]) -> bool {
    fn fixed<const MR: usize, R: Real>(src: &[R], conj: bool, re: &mut [R], im: &mut [R]) -> bool {
        let (Ok(src), Ok(re), Ok(im)) = (
            <&[R; MR]>::try_from(src),
            <&mut [R; MR]>::try_from(re),
            <&mut [R; MR]>::try_from(im),
        ) else {
            return false;
        };
        for i in 0..MR / 2 {
            let (r, m) = (src[2 * i], src[2 * i + 1]);
            let m = if conj { -m } else { m };
            re[2 * i] = r;
            re[2 * i + 1] = m;
            im[2 * i] = -m;
            im[2 * i + 1] = r;
        }
        true
    }
    fixed::<8, R>(src, conj, re, im)
        || fixed::<16, R>(src, conj, re, im)
        || fixed::<24, R>(src, conj, re, im)
        || fixed::<48, R>(src, conj, re, im)
}

#[inline(always)]
fn pack_b_body<T: Scalar>(b: MatRef<'_, T>, nr: usize, conj: bool, buf: &mut [T::Real]) {
    if T::IS_COMPLEX {
        return pack_b_pairs(b, nr, conj, buf);
    }
    let b = b
        .parts()
        .unwrap_or_else(|| unreachable!("a real view is its own parts"));
    let (kc, nc) = (b.rows(), b.cols());
    for (s, j0) in (0..nc).step_by(nr).enumerate() {
        let cols = nr.min(nc - j0);
        let sliver = &mut buf[s * nr * kc..(s + 1) * nr * kc];
        if cols == nr && b.row_stride() == 1 && b_columns(b, j0, nr, sliver) {
            continue;
        }
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
                    T::Real::ZERO
                };
            }
        }
    }
}

/// One whole sliver of `nr` columns from `j0` of a `b` with contiguous columns:
/// `sliver[p nr + j] = B(p, j0 + j)`, row by row from one pointer per column (a fixed
/// `nr`, so the row is `nr` loads and stores with no index checks). False (nothing
/// written) for an `nr` without this path.
#[inline(always)]
fn b_columns<R: Real>(b: MatRef<'_, R>, j0: usize, nr: usize, sliver: &mut [R]) -> bool {
    fn fixed<const NR: usize, R: Real>(b: MatRef<'_, R>, j0: usize, sliver: &mut [R]) {
        let kc = b.rows();
        debug_assert!(sliver.len() >= kc * NR && j0 + NR <= b.cols() && b.row_stride() == 1);
        // SAFETY: columns j0..j0 + NR are inside `b` (a whole sliver), each contiguous.
        let cols: [*const R; NR] = core::array::from_fn(|j| unsafe { b.ptr_at(0, j0 + j) });
        let out = sliver.as_mut_ptr();
        for p in 0..kc.min(sliver.len() / NR) {
            for (j, col) in cols.iter().enumerate() {
                // SAFETY: p < kc rows of each column; p NR + j < sliver.len().
                unsafe { *out.add(p * NR + j) = *col.add(p) };
            }
        }
    }
    match nr {
        4 => fixed::<4, R>(b, j0, sliver),
        6 => fixed::<6, R>(b, j0, sliver),
        8 => fixed::<8, R>(b, j0, sliver),
        _ => return false,
    }
    true
}

/// [`pack_b_body`] for complex `b`: element `(p, j)` (conjugated first when `conj`)
/// fills real rows `2p` (`re`) and `2p + 1` (`im`) of column `j`.
#[inline(always)]
fn pack_b_pairs<T: Scalar>(b: MatRef<'_, T>, nr: usize, conj: bool, buf: &mut [T::Real]) {
    let (kc, nc) = (2 * b.rows(), b.cols());
    for (s, j0) in (0..nc).step_by(nr).enumerate() {
        let cols = nr.min(nc - j0);
        let sliver = &mut buf[s * nr * kc..(s + 1) * nr * kc];
        for p in 0..b.rows() {
            for j in 0..nr {
                let (re, im) = if j < cols {
                    // SAFETY: p < rows and j0 + j < nc.
                    let v = unsafe { *b.ptr_at(p, j0 + j) };
                    let v = if conj { v.conj() } else { v };
                    (v.re(), v.im())
                } else {
                    (T::Real::ZERO, T::Real::ZERO)
                };
                sliver[2 * p * nr + j] = re;
                sliver[(2 * p + 1) * nr + j] = im;
            }
        }
    }
}

/// `dst <- src` for one sliver: a fixed-size copy for the kernels' widths, so a sliver
/// of 8, 16, 24 or 48 values is a few vector moves rather than a call to `memcpy`.
#[inline(always)]
fn copy_sliver<R: Real>(dst: &mut [R], src: &[R]) {
    fn fixed<const N: usize, R: Copy>(dst: &mut [R], src: &[R]) -> bool {
        match (<&mut [R; N]>::try_from(dst), <&[R; N]>::try_from(src)) {
            (Ok(d), Ok(s)) => {
                *d = *s;
                true
            }
            _ => false,
        }
    }
    // The f64 and f32 kernels' sliver widths (mr of AVX-512 and AVX2, nr of AVX-512).
    let copied = if size_of::<R>() == 8 {
        fixed::<24, R>(dst, src) || fixed::<8, R>(dst, src)
    } else {
        fixed::<48, R>(dst, src) || fixed::<16, R>(dst, src) || fixed::<8, R>(dst, src)
    };
    if !copied {
        dst.copy_from_slice(src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::testing::kernels;
    use crate::scalar::C64;

    /// The 1m layout: the real product of the packed panels is the complex product.
    #[test]
    fn complex_panels_multiply_to_the_complex_product() {
        let kern = &kernels::<f64>("complex_panels_multiply_to_the_complex_product")[0];
        let (mr, nr) = (kern.blocks.mr, kern.blocks.nr);
        let (m, k, n): (usize, usize, usize) = (3, 2, 2);
        let a: Vec<C64> = (0..m * k)
            .map(|x| C64::new(x as f64 + 1.0, 0.5 - x as f64))
            .collect();
        let b: Vec<C64> = (0..k * n)
            .map(|x| C64::new(2.0 - x as f64, x as f64 * 0.25))
            .collect();
        let slivers = (2 * m).div_ceil(mr);
        let (mut pa, mut pb) = (vec![9.0; slivers * mr * 2 * k], vec![9.0; 2 * k * nr]);
        for conj in [false, true] {
            pack_a(kern, MatRef::col_major(&a, m, k, m).unwrap(), conj, &mut pa);
            pack_b(
                kern,
                MatRef::col_major(&b, k, n, k).unwrap(),
                false,
                &mut pb,
            );
            for i in 0..m {
                for j in 0..n {
                    let mut want = C64::default();
                    for p in 0..k {
                        let x = if conj {
                            a[i + p * m].conj()
                        } else {
                            a[i + p * m]
                        };
                        want = want + x * b[p + j * k];
                    }
                    let (kk, sliver) = (2 * k, |row: usize| row / mr * mr * 2 * k);
                    let dot = |row: usize| -> f64 {
                        (0..kk)
                            .map(|q| pa[sliver(row) + q * mr + row % mr] * pb[q * nr + j])
                            .sum()
                    };
                    assert_eq!(
                        (dot(2 * i), dot(2 * i + 1)),
                        (want.re, want.im),
                        "conj {conj}"
                    );
                }
            }
        }
    }
}
