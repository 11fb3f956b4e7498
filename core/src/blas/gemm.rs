//! `C <- alpha A B + beta C` (BLAS `dgemm` with no transposes; transpose by view).
//!
//! GotoBLAS/BLIS structure: B is packed `kc x nc` at a time, A `mc x kc`, and the
//! microkernel of `arch` computes register tiles from the packed panels.

use super::pack::{pack_a, pack_b};
use crate::arch::{Kernel, Tile};
use crate::config::SHARED_PACK_PART_BLOCKS;
use crate::mat::{MatMut, MatRef};

/// The buffers one product packs its operands into (a seat, claimed by the caller):
/// at least `(mc + mr) kc` values for A and `kc (nc + nr)` for B.
pub struct Packing<'a> {
    pub a: &'a mut [f64],
    pub b: &'a mut [f64],
}

/// `C <- alpha * A * B + beta * C`; `beta == 0` overwrites `C` (NaNs in `C` vanish),
/// `alpha == 0` or `k == 0` only scales `C`, as in BLAS. Shapes agree (`A: m x k`,
/// `B: k x n`, `C: m x n`): the crate's callers guarantee it (checked in debug builds).
///
/// Each `C(i, j)` depends only on row `i` of A, column `j` of B, `alpha`, `beta`, and
/// the kernel's `kc`: never on how callers split C into blocks, so results do not
/// depend on the thread count.
pub fn gemm(
    kern: &Kernel,
    alpha: f64,
    a: MatRef<'_>,
    b: MatRef<'_>,
    beta: f64,
    c: &mut MatMut<'_>,
    buf: &mut Packing<'_>,
) {
    let (m, n, k) = (c.rows(), c.cols(), a.cols());
    debug_assert!(a.rows() == m && b.rows() == k && b.cols() == n);
    if a.rows() != m || b.rows() != k || b.cols() != n || m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == 0.0 {
        return scale(beta, c);
    }
    let (abuf, bbuf) = (&mut *buf.a, &mut *buf.b);
    blocks(kern, alpha, m, k, b, beta, c, bbuf, |ic, pc, mcur, kcur| {
        pack_a(kern, block(a, ic, pc, mcur, kcur), abuf);
        abuf.as_ptr()
    });
}

/// The five loops around the microkernel, for an `m x k` A that `a_panel(ic, pc, mcur,
/// kcur, abuf)` provides as the packed `mcur x kcur` panel at `(ic, pc)` (packing it
/// into `abuf` or pointing into a panel packed earlier). `k > 0`, shapes agree.
#[allow(clippy::too_many_arguments)]
fn blocks(
    kern: &Kernel,
    alpha: f64,
    m: usize,
    k: usize,
    b: MatRef<'_>,
    beta: f64,
    c: &mut MatMut<'_>,
    bbuf: &mut [f64],
    mut a_panel: impl FnMut(usize, usize, usize, usize) -> *const f64,
) {
    let n = c.cols();
    let blk = kern.blocks;
    for jc in (0..n).step_by(blk.nc) {
        let ncur = blk.nc.min(n - jc);
        for pc in (0..k).step_by(blk.kc) {
            let kcur = blk.kc.min(k - pc);
            let beta_here = if pc == 0 { beta } else { 1.0 };
            pack_b(kern, block(b, pc, jc, kcur, ncur), bbuf);
            for ic in (0..m).step_by(blk.mc) {
                let mcur = blk.mc.min(m - ic);
                let apanel = a_panel(ic, pc, mcur, kcur);
                for (js, jr) in (0..ncur).step_by(blk.nr).enumerate() {
                    for (is, ir) in (0..mcur).step_by(blk.mr).enumerate() {
                        let tile = Tile {
                            k: kcur,
                            a: apanel.wrapping_add(is * blk.mr * kcur),
                            b: bbuf[js * blk.nr * kcur..].as_ptr(),
                            // SAFETY: (ic + ir, jc + jr) is inside C.
                            c: unsafe { c.ptr_at(ic + ir, jc + jr) },
                            rs: c.row_stride(),
                            cs: c.col_stride(),
                            m: blk.mr.min(mcur - ir),
                            n: blk.nr.min(ncur - jr),
                            alpha,
                            beta: beta_here,
                        };
                        // SAFETY: `a_panel` and `pack_b` gave panels of this kernel's
                        // mr/nr and kcur slivers (A's whole slivers of the block, B's
                        // packed above); the tile's m x n block lies inside C; `kern`
                        // came from `arch`, which only returns kernels the CPU supports.
                        unsafe { (kern.run)(&tile) };
                    }
                }
            }
        }
    }
}

/// An A operand (`rows x cols`, at most `kc` columns) packed once, into a buffer the
/// caller holds (the pool's shared buffer), for every product of a parallel update: the
/// column tasks of a look-ahead step all multiply by the same `L21`. Packed in `parts`
/// row ranges that tasks may pack in parallel. The products are the bits [`gemm`]
/// gives: the same packed values feed the same tiles.
pub struct SharedA<'k> {
    kern: &'k Kernel,
    base: *mut f64,
    rows: usize,
    cols: usize,
}

// SAFETY: the buffer behind `base` is the caller's for the lifetime of the SharedA; how
// threads share it (disjoint parts while packing, reads only after) is the contract of
// `pack` and `gemm`.
unsafe impl Sync for SharedA<'_> {}

impl<'k> SharedA<'k> {
    /// Lays an A of this shape out in the `len` values at `base`, if it fits and is at
    /// most `kc` wide (one packed panel deep).
    ///
    /// # Safety
    /// `base` addresses `len` writable values that nothing else uses while the
    /// returned SharedA lives.
    pub unsafe fn new(
        kern: &'k Kernel,
        base: *mut f64,
        len: usize,
        rows: usize,
        cols: usize,
    ) -> Option<SharedA<'k>> {
        let blk = kern.blocks;
        let need = rows.next_multiple_of(blk.mr).checked_mul(cols)?;
        (cols > 0 && cols <= blk.kc && need <= len).then_some(SharedA {
            kern,
            base,
            rows,
            cols,
        })
    }

    /// Number of row ranges [`pack`](Self::pack) takes.
    pub fn parts(&self) -> usize {
        self.rows
            .div_ceil(SHARED_PACK_PART_BLOCKS * self.kern.blocks.mc)
    }

    /// Packs row range `part` of `a` (the shape given to `new`).
    ///
    /// # Safety
    /// No other thread packs the same part, and no [`gemm`](Self::gemm) runs, at the
    /// same time.
    pub unsafe fn pack(&self, a: MatRef<'_>, part: usize) {
        let blk = self.kern.blocks;
        let h = SHARED_PACK_PART_BLOCKS * blk.mc;
        let i0 = part * h;
        if a.rows() != self.rows || a.cols() != self.cols || i0 >= self.rows {
            return;
        }
        let h = h.min(self.rows - i0);
        let len = h.next_multiple_of(blk.mr) * self.cols;
        // SAFETY: i0 is a multiple of mr (mc is, by the config check), so this part's
        // slivers start at i0 * cols and take `len` values, inside the buffer (`new`
        // checked the whole) and disjoint from every other part's; the caller excludes
        // concurrent users of them.
        let buf = unsafe { core::slice::from_raw_parts_mut(self.base.add(i0 * self.cols), len) };
        pack_a(self.kern, block(a, i0, 0, h, self.cols), buf);
    }

    /// `C <- alpha * A * B + beta * C` with the packed A, as [`gemm`] computes it; B is
    /// packed into `bbuf` (a seat's B buffer).
    ///
    /// # Safety
    /// Every part was packed, and those writes happen before this call (a release and
    /// an acquire between the threads, say); no part is packed again while it runs.
    pub unsafe fn gemm(
        &self,
        alpha: f64,
        b: MatRef<'_>,
        beta: f64,
        c: &mut MatMut<'_>,
        bbuf: &mut [f64],
    ) {
        let (m, k) = (self.rows, self.cols);
        debug_assert!(c.rows() == m && b.rows() == k && b.cols() == c.cols());
        if c.rows() != m || b.rows() != k || b.cols() != c.cols() || c.cols() == 0 {
            return;
        }
        if alpha == 0.0 {
            return scale(beta, c);
        }
        let base = self.base.cast_const();
        // Rows ic.. start at sliver ic / mr, as mc is a multiple of mr; k <= kc, so the
        // only panel depth is pc = 0.
        blocks(
            self.kern,
            alpha,
            m,
            k,
            b,
            beta,
            c,
            bbuf,
            |ic, _pc, _mcur, _kcur| base.wrapping_add(ic * k),
        );
    }
}

/// `C <- beta C` (`beta == 0` writes zeros).
fn scale(beta: f64, c: &mut MatMut<'_>) {
    if beta == 1.0 {
        return;
    }
    for j in 0..c.cols() {
        for i in 0..c.rows() {
            // SAFETY: i < rows, j < cols.
            unsafe {
                let x = c.ptr_at(i, j);
                *x = if beta == 0.0 { 0.0 } else { beta * *x };
            }
        }
    }
}

/// A block the loop bounds keep inside `x`.
fn block(x: MatRef<'_>, i: usize, j: usize, rows: usize, cols: usize) -> MatRef<'_> {
    x.block(i, j, rows, cols)
        .unwrap_or_else(|| unreachable!("loop bounds stay inside the operand"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::testing::kernels;
    use crate::config::{PACK_A_LEN, PACK_B_LEN, SHARED_A_LEN};
    use forklu_testkit::random_matrix;

    /// `gemm` with buffers of its own, as a seat would give.
    fn product(
        kern: &Kernel,
        alpha: f64,
        a: MatRef<'_>,
        b: MatRef<'_>,
        beta: f64,
        c: &mut MatMut<'_>,
    ) {
        let (mut pa, mut pb) = (vec![0.0; PACK_A_LEN], vec![0.0; PACK_B_LEN]);
        let mut buf = Packing {
            a: &mut pa,
            b: &mut pb,
        };
        gemm(kern, alpha, a, b, beta, c, &mut buf);
    }

    /// Naive product in f64, for a tolerance check.
    #[allow(clippy::too_many_arguments)]
    fn naive(
        alpha: f64,
        a: &[f64],
        b: &[f64],
        beta: f64,
        c: &[f64],
        m: usize,
        n: usize,
        k: usize,
    ) -> Vec<f64> {
        let mut out = c.to_vec();
        for j in 0..n {
            for i in 0..m {
                let s: f64 = (0..k).map(|p| a[i + p * m] * b[p + j * k]).sum();
                out[i + j * m] = if beta == 0.0 {
                    alpha * s
                } else {
                    alpha * s + beta * c[i + j * m]
                };
            }
        }
        out
    }

    #[test]
    fn every_kernel_matches_the_naive_product() {
        for kern in kernels("every_kernel_matches_the_naive_product") {
            for &(m, n, k) in &[
                (1, 1, 1),
                (5, 3, 2),
                (24, 8, 256),
                (25, 9, 257),
                (150, 200, 300),
                (7, 400, 33),
            ] {
                let a = random_matrix(m, k, m, 1);
                let b = random_matrix(k, n, k, 2);
                let c0 = random_matrix(m, n, m, 3);
                for &(alpha, beta) in &[(1.0, 0.0), (-1.0, 1.0), (2.5, -0.5), (0.0, 2.0)] {
                    let mut c = c0.clone();
                    product(
                        &kern,
                        alpha,
                        MatRef::col_major(&a, m, k, m).unwrap(),
                        MatRef::col_major(&b, k, n, k).unwrap(),
                        beta,
                        &mut MatMut::col_major(&mut c, m, n, m).unwrap(),
                    );
                    let want = naive(alpha, &a, &b, beta, &c0, m, n, k);
                    let err = c
                        .iter()
                        .zip(&want)
                        .map(|(x, y)| (x - y).abs())
                        .fold(0.0, f64::max);
                    assert!(
                        err < 1e-12 * k as f64,
                        "{:?} {m}x{n}x{k} alpha {alpha} beta {beta}: err {err}",
                        kern.arch
                    );
                }
            }
        }
    }

    /// A shared packed A, packed part by part in any order, gives `gemm`'s bits.
    #[test]
    fn shared_a_gives_the_bits_of_gemm() {
        for kern in kernels("shared_a_gives_the_bits_of_gemm") {
            let mut shared_buf = vec![0.0; SHARED_A_LEN];
            for &(m, k, n) in &[(1300, 200, 37), (25, 3, 9), (600, 256, 17)] {
                let a = random_matrix(m, k, m + 3, 11);
                let b = random_matrix(k, n, k, 12);
                let c0 = random_matrix(m, n, m, 13);
                let av = MatRef::col_major(&a, m, k, m + 3).unwrap();
                let bv = MatRef::col_major(&b, k, n, k).unwrap();
                let mut want = c0.clone();
                product(
                    &kern,
                    -1.0,
                    av,
                    bv,
                    1.0,
                    &mut MatMut::col_major(&mut want, m, n, m).unwrap(),
                );
                // SAFETY: the buffer is this test's alone while `shared` lives.
                let shared =
                    unsafe { SharedA::new(&kern, shared_buf.as_mut_ptr(), SHARED_A_LEN, m, k) }
                        .expect("fits");
                for part in (0..shared.parts()).rev() {
                    // SAFETY: one thread packs every part, then reads.
                    unsafe { shared.pack(av, part) };
                }
                let mut got = c0.clone();
                let mut bbuf = vec![0.0; PACK_B_LEN];
                // SAFETY: every part is packed, on this thread.
                unsafe {
                    shared.gemm(
                        -1.0,
                        bv,
                        1.0,
                        &mut MatMut::col_major(&mut got, m, n, m).unwrap(),
                        &mut bbuf,
                    )
                };
                assert!(
                    forklu_testkit::same_bits(&got, &want),
                    "{:?} {m}x{n}x{k}",
                    kern.arch
                );
            }
            let p = shared_buf.as_mut_ptr();
            // SAFETY: as above; nothing is packed through these.
            unsafe {
                let deep = kern.blocks.kc + 1;
                assert!(
                    SharedA::new(&kern, p, SHARED_A_LEN, 10, deep).is_none(),
                    "deeper than kc"
                );
                assert!(
                    SharedA::new(&kern, p, SHARED_A_LEN, SHARED_A_LEN, 2).is_none(),
                    "larger than the buffer"
                );
            }
        }
    }

    #[test]
    fn beta_zero_overwrites_nan() {
        for kern in kernels("beta_zero_overwrites_nan") {
            let a = random_matrix(30, 10, 30, 4);
            let b = random_matrix(10, 11, 10, 5);
            let mut c = vec![f64::NAN; 30 * 11];
            product(
                &kern,
                1.0,
                MatRef::col_major(&a, 30, 10, 30).unwrap(),
                MatRef::col_major(&b, 10, 11, 10).unwrap(),
                0.0,
                &mut MatMut::col_major(&mut c, 30, 11, 30).unwrap(),
            );
            assert!(c.iter().all(|x| x.is_finite()), "{:?}", kern.arch);
        }
    }

    /// The determinism contract: computing C whole, by odd column chunks, by odd row
    /// chunks, or through a row-major view gives the same bits.
    #[test]
    fn results_do_not_depend_on_how_c_is_split() {
        let (m, n, k) = (157, 131, 300);
        let a = random_matrix(m, k, m, 6);
        let b = random_matrix(k, n, k, 7);
        let c0 = random_matrix(m, n, m, 8);
        for kern in kernels("results_do_not_depend_on_how_c_is_split") {
            let av = MatRef::col_major(&a, m, k, m).unwrap();
            let bv = MatRef::col_major(&b, k, n, k).unwrap();
            let mut whole = c0.clone();
            product(
                &kern,
                -1.0,
                av,
                bv,
                1.0,
                &mut MatMut::col_major(&mut whole, m, n, m).unwrap(),
            );
            for chunk in [1, 7, 13, 50] {
                let mut cols = c0.clone();
                let mut rows = c0.clone();
                for j0 in (0..n).step_by(chunk) {
                    let w = chunk.min(n - j0);
                    let mut cv = MatMut::col_major(&mut cols, m, n, m)
                        .unwrap()
                        .block(0, j0, m, w)
                        .unwrap();
                    product(
                        &kern,
                        -1.0,
                        av,
                        bv.block(0, j0, k, w).unwrap(),
                        1.0,
                        &mut cv,
                    );
                }
                for i0 in (0..m).step_by(chunk) {
                    let h = chunk.min(m - i0);
                    let mut cv = MatMut::col_major(&mut rows, m, n, m)
                        .unwrap()
                        .block(i0, 0, h, n)
                        .unwrap();
                    product(
                        &kern,
                        -1.0,
                        av.block(i0, 0, h, k).unwrap(),
                        bv,
                        1.0,
                        &mut cv,
                    );
                }
                assert!(
                    forklu_testkit::same_bits(&cols, &whole),
                    "{:?}: column chunks of {chunk} differ",
                    kern.arch
                );
                assert!(
                    forklu_testkit::same_bits(&rows, &whole),
                    "{:?}: row chunks of {chunk} differ",
                    kern.arch
                );
            }
            // C stored row-major (a transposed view) gets the same bits.
            let mut rm: Vec<f64> = (0..m * n).map(|x| c0[(x % n) * m + x / n]).collect();
            product(
                &kern,
                -1.0,
                av,
                bv,
                1.0,
                &mut MatMut::row_major(&mut rm, m, n, n).unwrap(),
            );
            let same_rm = (0..m)
                .all(|i| (0..n).all(|j| rm[i * n + j].to_bits() == whole[i + j * m].to_bits()));
            assert!(same_rm, "{:?}: row-major C differs", kern.arch);
        }
    }
}
