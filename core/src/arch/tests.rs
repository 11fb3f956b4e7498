//! Each microkernel against an oracle that follows the contract literally: the SIMD
//! kernels bit for bit against correctly rounded `fma` (libm), the portable kernel
//! bit for bit against plain multiply-add, on full and edge tiles.

use super::*;

/// The element types of the kernels, with what the oracle needs: a correctly rounded
/// fused multiply-add (libm's) and the bits of a value.
trait Oracle: Real {
    fn fma(a: Self, b: Self, c: Self) -> Self;
    fn bits(self) -> u64;
}

impl Oracle for f64 {
    fn fma(a: f64, b: f64, c: f64) -> f64 {
        libm::fma(a, b, c)
    }
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

impl Oracle for f32 {
    fn fma(a: f32, b: f32, c: f32) -> f32 {
        libm::fmaf(a, b, c)
    }
    fn bits(self) -> u64 {
        self.to_bits().into()
    }
}

#[allow(clippy::too_many_arguments)]
fn oracle<R: Oracle>(
    fused: bool,
    k: usize,
    a: &[R],
    b: &[R],
    mr: usize,
    nr: usize,
    i: usize,
    j: usize,
    alpha: R,
    beta: R,
    c: R,
) -> R {
    let mut acc = R::ZERO;
    for p in 0..k {
        acc = if fused {
            R::fma(a[p * mr + i], b[p * nr + j], acc)
        } else {
            acc + a[p * mr + i] * b[p * nr + j]
        };
    }
    match (beta == R::ZERO, fused) {
        (true, _) => alpha * acc,
        (false, true) => R::fma(alpha, acc, beta * c),
        (false, false) => alpha * acc + beta * c,
    }
}

fn values<R: Real>(len: usize, seed: u64) -> Vec<R> {
    forklu_testkit::random_matrix(len, 1, len, seed)
        .into_iter()
        .map(R::from_f64)
        .collect()
}

/// Every kernel for `R` this host runs, against [`oracle`], on the full tile and on
/// edge tiles: one row or column short, whole columns with fewer of them (AVX2's
/// vector path), and rows on both sides of every multiple of 8 (the boundaries of
/// 8- and 16-lane masks), for unit and non-unit row strides.
fn kernels_follow_the_contract<R: Oracle>(test: &str) {
    for kern in testing::kernels::<R>(test) {
        let (arch, mr, nr) = (kern.arch, kern.blocks.mr, kern.blocks.nr);
        let fused = arch != Arch::Scalar;
        let mut edges = vec![(mr - 1, nr), (mr, 1), (mr, nr - 1), (1, nr - 1), (3, 2)];
        for l in (8..mr).step_by(8) {
            edges.extend([(l - 1, 2), (l, 3), (l + 1, nr)]);
        }
        // k on both sides of the AVX2 kernels' four-step passes, and a full panel.
        for &k in &[0usize, 1, 2, 3, 4, 5, 7, 8, 9, 256] {
            let a = values::<R>(k * mr + 1, k as u64);
            let b = values::<R>(k * nr + 1, 100 + k as u64);
            for &(m, n) in [(mr, nr)].iter().chain(&edges) {
                for &(rs, cs) in &[(1usize, mr + 3), (nr + 2, 1)] {
                    for &(alpha, beta) in &[(1.0, 0.0), (-1.0, 1.0), (2.5, -0.75)] {
                        let (alpha, beta) = (R::from_f64(alpha), R::from_f64(beta));
                        // Room for the whole register tile and a margin past it: all
                        // but the block must stay untouched (and a kernel writing
                        // outside its block fails here rather than corrupting the heap).
                        let len = (mr - 1) * rs + (nr - 1) * cs + 1 + 16;
                        let c0 = values::<R>(len, 7);
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
                        let mut want = c0.clone();
                        for j in 0..n {
                            for i in 0..m {
                                let at = i * rs + j * cs;
                                want[at] =
                                    oracle(fused, k, &a, &b, mr, nr, i, j, alpha, beta, c0[at]);
                            }
                        }
                        // Every element: the block's as the contract says, the rest unchanged.
                        for (at, (got, want)) in c.iter().zip(&want).enumerate() {
                            assert_eq!(
                                got.bits(),
                                want.bits(),
                                "{arch:?} k={k} m={m} n={n} rs={rs} beta={beta:?} element {at}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn kernels_follow_the_contract_on_full_and_edge_tiles() {
    kernels_follow_the_contract::<f64>("kernels_follow_the_contract_on_full_and_edge_tiles");
}

#[test]
fn f32_kernels_follow_the_contract_on_full_and_edge_tiles() {
    kernels_follow_the_contract::<f32>("f32_kernels_follow_the_contract_on_full_and_edge_tiles");
}

/// Each level the CPU supports hands out its own kernel in both widths, with its
/// table's blocks: packing and the LU leaf pick their AVX-512 build from `arch`.
#[test]
fn every_level_hands_out_its_own_kernels() {
    fn check<R: Real>(width: impl Fn(config::IsaTable) -> GemmBlocks) {
        let kernels = testing::kernels::<R>("every_level_hands_out_its_own_kernels");
        let levels: Vec<Arch> = [Arch::Scalar, Arch::Avx2, Arch::Avx512]
            .into_iter()
            .filter(|&a| a <= supported())
            .collect();
        assert_eq!(kernels.iter().map(|k| k.arch).collect::<Vec<_>>(), levels);
        for kern in kernels {
            let table = match kern.arch {
                Arch::Avx512 => config::AVX512,
                Arch::Avx2 => config::AVX2,
                Arch::Scalar => config::SCALAR,
            };
            assert_eq!(kern.blocks, width(table), "{:?}", kern.arch);
        }
    }
    check::<f64>(|t| t.f64);
    check::<f32>(|t| t.f32);
}

#[test]
fn the_portable_kernel_is_always_there() {
    assert_eq!(
        kernel_for::<f64>(Arch::Scalar).map(|k| k.arch),
        Some(Arch::Scalar)
    );
    assert!(kernel_for::<f64>(supported()).is_some());
    assert!(kernel_for::<f32>(supported()).is_some());
}

#[test]
fn lower_solve_matches_substitution_bit_for_bit() {
    let solvers = testing::kernels::<f64>("lower_solve_matches_substitution_bit_for_bit")
        .into_iter()
        .filter_map(|k| Some((k.arch, k.lower_solve?)));
    for (arch, s) in solvers {
        for n in 1..=s.rows {
            for cols in [1, s.cols - 1, s.cols] {
                let (ldt, ldb) = (n + 3, n + 2);
                let mut t = values(ldt * n, n as u64);
                // The diagonal and above are never read: poison them.
                for j in 0..n {
                    for i in 0..=j {
                        t[i + j * ldt] = f64::NAN;
                    }
                }
                let mut b0 = values(ldb * cols, 50 + n as u64);
                // Zeros (skipped), and an infinite multiplier that meets one.
                b0[0] = 0.0;
                if n > 2 {
                    t[2] = f64::INFINITY; // L(2, 0): only met by B(0, j) = 0 in column 0
                    let at = ldb.min(b0.len() - 1);
                    b0[at] = f64::NAN;
                }
                let mut b = b0.clone();
                // SAFETY: t holds n x n with stride ldt, b holds n x cols with stride ldb.
                unsafe { (s.run)(n, t.as_ptr(), ldt, b.as_mut_ptr(), ldb, cols) };
                for j in 0..cols {
                    let mut x: Vec<f64> = (0..n).map(|i| b0[i + j * ldb]).collect();
                    for k in 0..n {
                        if x[k] != 0.0 {
                            for i in k + 1..n {
                                x[i] = libm::fma(-x[k], t[i + k * ldt], x[i]);
                            }
                        }
                    }
                    for i in 0..ldb {
                        let got = b[i + j * ldb];
                        let want = if i < n { x[i] } else { b0[i + j * ldb] };
                        // Bit for bit, except that any NaN matches any NaN (sign and
                        // payload of a NaN depend on the operand order of the FMA).
                        assert!(
                            got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                            "{arch:?} n={n} cols={cols} ({i},{j}): {got} vs {want}"
                        );
                    }
                }
            }
        }
    }
}
