//! Each microkernel against an oracle that follows the contract literally: the SIMD
//! kernels bit for bit against correctly rounded `fma` (libm), the portable kernel
//! bit for bit against plain multiply-add, on full and edge tiles.

use super::*;

#[allow(clippy::too_many_arguments)]
fn oracle(
    fused: bool,
    k: usize,
    a: &[f64],
    b: &[f64],
    mr: usize,
    nr: usize,
    i: usize,
    j: usize,
    alpha: f64,
    beta: f64,
    c: f64,
) -> f64 {
    let mut acc = 0.0;
    for p in 0..k {
        acc = if fused {
            libm::fma(a[p * mr + i], b[p * nr + j], acc)
        } else {
            acc + a[p * mr + i] * b[p * nr + j]
        };
    }
    match (beta == 0.0, fused) {
        (true, _) => alpha * acc,
        (false, true) => libm::fma(alpha, acc, beta * c),
        (false, false) => alpha * acc + beta * c,
    }
}

fn values(len: usize, seed: u64) -> Vec<f64> {
    crate::lapack::testutil::random_matrix(len, 1, len, seed)
}

#[test]
fn kernels_follow_the_contract_on_full_and_edge_tiles() {
    for arch in [Arch::Scalar, Arch::Avx2, Arch::Avx512] {
        let Some(kern) = kernel_for(arch) else {
            continue;
        };
        let (mr, nr) = (kern.blocks.mr, kern.blocks.nr);
        let fused = arch != Arch::Scalar;
        for &k in &[0usize, 1, 2, 7, 256] {
            let a = values(k * mr + 1, k as u64);
            let b = values(k * nr + 1, 100 + k as u64);
            for &(m, n) in &[(mr, nr), (mr - 1, nr), (mr, 1), (1, nr - 1), (3, 2)] {
                for &(rs, cs) in &[(1usize, mr + 3), (nr + 2, 1)] {
                    for &(alpha, beta) in &[(1.0, 0.0), (-1.0, 1.0), (2.5, -0.75)] {
                        let len = (m - 1) * rs + (n - 1) * cs + 1;
                        let c0 = values(len, 7);
                        let mut c = c0.clone();
                        let tile = Tile {
                            k,
                            a: a.as_ptr(),
                            b: b.as_ptr(),
                            c: c.as_mut_ptr(),
                            rs,
                            cs,
                            m,
                            n,
                            alpha,
                            beta,
                        };
                        // SAFETY: panels of k slivers, c spans the m x n block with these strides.
                        unsafe { (kern.run)(&tile) };
                        for j in 0..n {
                            for i in 0..m {
                                let at = i * rs + j * cs;
                                let want =
                                    oracle(fused, k, &a, &b, mr, nr, i, j, alpha, beta, c0[at]);
                                assert_eq!(
                                    c[at].to_bits(),
                                    want.to_bits(),
                                    "{arch:?} k={k} m={m} n={n} rs={rs} ({i},{j})"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn dispatch_picks_a_supported_kernel() {
    let k = kernel();
    assert!(kernel_for(k.arch).is_some());
    assert_eq!(kernel_for(Arch::Scalar).map(|k| k.arch), Some(Arch::Scalar));
}
