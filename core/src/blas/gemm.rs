//! `C <- alpha A B + beta C` (BLAS `dgemm` with no transposes; transpose by view).
//!
//! GotoBLAS/BLIS structure: B is packed `kc x nc` at a time, A `mc x kc`, and the
//! microkernel of `arch` computes register tiles from the packed panels.

use super::pack::{pack_a, pack_b};
use super::workspace::Workspace;
use crate::arch::{self, Kernel, Tile};
use crate::mat::{MatMut, MatRef};

/// `C <- alpha * A * B + beta * C`; `beta == 0` overwrites `C` (NaNs in `C` vanish),
/// `alpha == 0` or `k == 0` only scales `C`, as in BLAS. Shapes must agree
/// (`A: m x k`, `B: k x n`, `C: m x n`); a mismatch is a caller bug and leaves `C`
/// untouched in release builds.
///
/// Each `C(i, j)` depends only on row `i` of A, column `j` of B, `alpha`, `beta`, and
/// the kernel's `kc`: never on how callers split C into blocks, so results do not
/// depend on the thread count.
pub fn gemm(alpha: f64, a: MatRef<'_>, b: MatRef<'_>, beta: f64, c: &mut MatMut<'_>) {
    gemm_with(arch::kernel(), alpha, a, b, beta, c);
}

/// [`gemm`] with an explicit microkernel (tests run every kernel the CPU has).
pub fn gemm_with(
    kern: Kernel,
    alpha: f64,
    a: MatRef<'_>,
    b: MatRef<'_>,
    beta: f64,
    c: &mut MatMut<'_>,
) {
    let (m, n, k) = (c.rows(), c.cols(), a.cols());
    debug_assert!(a.rows() == m && b.rows() == k && b.cols() == n);
    if a.rows() != m || b.rows() != k || b.cols() != n || m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == 0.0 {
        return scale(beta, c);
    }
    let blk = kern.blocks;
    let mut ws = Workspace::claim();
    let (abuf, bbuf) = ws.buffers();
    for jc in (0..n).step_by(blk.nc) {
        let ncur = blk.nc.min(n - jc);
        for pc in (0..k).step_by(blk.kc) {
            let kcur = blk.kc.min(k - pc);
            let beta_here = if pc == 0 { beta } else { 1.0 };
            pack_b(block(b, pc, jc, kcur, ncur), blk.nr, bbuf);
            for ic in (0..m).step_by(blk.mc) {
                let mcur = blk.mc.min(m - ic);
                pack_a(block(a, ic, pc, mcur, kcur), blk.mr, abuf);
                for (js, jr) in (0..ncur).step_by(blk.nr).enumerate() {
                    for (is, ir) in (0..mcur).step_by(blk.mr).enumerate() {
                        let tile = Tile {
                            k: kcur,
                            a: abuf[is * blk.mr * kcur..].as_ptr(),
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
                        // SAFETY: the panels were packed above with this kernel's mr/nr and
                        // kcur slivers; the tile's m x n block lies inside C; `kern` came
                        // from `arch`, which only returns kernels the CPU supports.
                        unsafe { (kern.run)(&tile) };
                    }
                }
            }
        }
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
    use crate::arch::{Arch, kernel_for};
    use crate::lapack::testutil::random_matrix;

    fn kernels() -> impl Iterator<Item = Kernel> {
        [Arch::Scalar, Arch::Avx2, Arch::Avx512]
            .into_iter()
            .filter_map(kernel_for)
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
        for kern in kernels() {
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
                    gemm_with(
                        kern,
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

    #[test]
    fn beta_zero_overwrites_nan() {
        for kern in kernels() {
            let a = random_matrix(30, 10, 30, 4);
            let b = random_matrix(10, 11, 10, 5);
            let mut c = vec![f64::NAN; 30 * 11];
            gemm_with(
                kern,
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
        for kern in kernels() {
            let av = MatRef::col_major(&a, m, k, m).unwrap();
            let bv = MatRef::col_major(&b, k, n, k).unwrap();
            let mut whole = c0.clone();
            gemm_with(
                kern,
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
                    gemm_with(kern, -1.0, av, bv.block(0, j0, k, w).unwrap(), 1.0, &mut cv);
                }
                for i0 in (0..m).step_by(chunk) {
                    let h = chunk.min(m - i0);
                    let mut cv = MatMut::col_major(&mut rows, m, n, m)
                        .unwrap()
                        .block(i0, 0, h, n)
                        .unwrap();
                    gemm_with(kern, -1.0, av.block(i0, 0, h, k).unwrap(), bv, 1.0, &mut cv);
                }
                let same = |x: &[f64]| {
                    x.iter()
                        .zip(&whole)
                        .all(|(p, q)| p.to_bits() == q.to_bits())
                };
                assert!(
                    same(&cols),
                    "{:?}: column chunks of {chunk} differ",
                    kern.arch
                );
                assert!(same(&rows), "{:?}: row chunks of {chunk} differ", kern.arch);
            }
            // C stored row-major (a transposed view) gets the same bits.
            let mut rm: Vec<f64> = (0..m * n).map(|x| c0[(x % n) * m + x / n]).collect();
            gemm_with(
                kern,
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
