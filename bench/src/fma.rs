//! The FMA peak of this machine, measured: loops of independent FMA chains written in
//! assembly (so no accumulator is ever spilled), for each vector width the CPU has and
//! for `f64` and `f32`. A core reaches its peak only with at least latency x ports
//! chains in flight (8 on Zen 3 and Skylake-X, 10 on Haswell); each width runs with
//! several chain counts up to what its register file holds (14 ymm, 30 zmm), and the
//! best one is the peak. "Percent of peak" in forklu's reports refers to this number.

use std::time::Instant;

/// A vector instruction set whose FMA throughput can be measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// 512-bit `zmm` FMAs (AVX-512F).
    Avx512,
    /// 256-bit `ymm` FMAs (AVX2 + FMA).
    Avx2,
}

impl Width {
    /// The name forklu's kernels and `FORKLU_ARCH` use.
    pub fn name(self) -> &'static str {
        match self {
            Width::Avx512 => "avx512",
            Width::Avx2 => "avx2",
        }
    }

    /// Bytes of one vector.
    pub fn bytes(self) -> usize {
        match self {
            Width::Avx512 => 64,
            Width::Avx2 => 32,
        }
    }

    /// True when this CPU (and OS) can run it.
    pub fn supported(self) -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            match self {
                Width::Avx512 => is_x86_feature_detected!("avx512f"),
                Width::Avx2 => is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"),
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        false
    }

    /// The chain counts tried: from latency x ports of today's cores up to all the
    /// registers but the two sources.
    pub fn chains(self) -> &'static [usize] {
        match self {
            Width::Avx512 => &[16, 24, 30],
            Width::Avx2 => &[8, 12, 14],
        }
    }

    /// The widths this CPU supports, widest first.
    pub fn available() -> Vec<Width> {
        [Width::Avx512, Width::Avx2]
            .into_iter()
            .filter(|w| w.supported())
            .collect()
    }
}

/// `f64` or `f32` lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Real {
    F64,
    F32,
}

impl Real {
    pub fn name(self) -> &'static str {
        match self {
            Real::F64 => "f64",
            Real::F32 => "f32",
        }
    }

    pub fn bytes(self) -> usize {
        match self {
            Real::F64 => 8,
            Real::F32 => 4,
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod asm {
    //! One function per (instruction, chain count): `iters` rounds of `vfmadd231` into
    //! independent accumulators from two fixed sources, in a loop of its own.
    use std::arch::asm;
    use std::arch::x86_64::*;

    macro_rules! chains {
        ($name:ident, $feat:literal, $vec:ty, $set1:ident, $ins:literal,
         $s1:tt, $s2:tt, [$($r:tt),+]) => {
            /// # Safety
            /// The CPU supports the instruction.
            #[target_feature(enable = $feat)]
            pub unsafe fn $name(iters: u64) {
                let acc: $vec = $set1(1.0);
                let src: $vec = $set1(1e-9);
                // SAFETY: register-only arithmetic and a counted loop (`iters` > 0);
                // every register written is declared as an output.
                unsafe {
                    asm!(
                        "2:",
                        $(concat!($ins, " ", $r, ", ", $s1, ", ", $s2),)+
                        "dec {n}",
                        "jnz 2b",
                        n = inout(reg) iters.max(1) => _,
                        in($s1) src,
                        in($s2) src,
                        $(inout($r) acc => _,)+
                        options(nostack, nomem),
                    );
                }
            }
        };
    }

    chains!(
        ymm_pd_8,
        "avx2,fma",
        __m256d,
        _mm256_set1_pd,
        "vfmadd231pd",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7"
        ]
    );
    chains!(
        ymm_pd_12,
        "avx2,fma",
        __m256d,
        _mm256_set1_pd,
        "vfmadd231pd",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8", "ymm9",
            "ymm10", "ymm11"
        ]
    );
    chains!(
        ymm_pd_14,
        "avx2,fma",
        __m256d,
        _mm256_set1_pd,
        "vfmadd231pd",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8", "ymm9",
            "ymm10", "ymm11", "ymm12", "ymm13"
        ]
    );
    chains!(
        ymm_ps_8,
        "avx2,fma",
        __m256,
        _mm256_set1_ps,
        "vfmadd231ps",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7"
        ]
    );
    chains!(
        ymm_ps_12,
        "avx2,fma",
        __m256,
        _mm256_set1_ps,
        "vfmadd231ps",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8", "ymm9",
            "ymm10", "ymm11"
        ]
    );
    chains!(
        ymm_ps_14,
        "avx2,fma",
        __m256,
        _mm256_set1_ps,
        "vfmadd231ps",
        "ymm14",
        "ymm15",
        [
            "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8", "ymm9",
            "ymm10", "ymm11", "ymm12", "ymm13"
        ]
    );
    chains!(
        zmm_pd_16,
        "avx512f",
        __m512d,
        _mm512_set1_pd,
        "vfmadd231pd",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15"
        ]
    );
    chains!(
        zmm_pd_24,
        "avx512f",
        __m512d,
        _mm512_set1_pd,
        "vfmadd231pd",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "zmm18",
            "zmm19", "zmm20", "zmm21", "zmm22", "zmm23"
        ]
    );
    chains!(
        zmm_pd_30,
        "avx512f",
        __m512d,
        _mm512_set1_pd,
        "vfmadd231pd",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "zmm18",
            "zmm19", "zmm20", "zmm21", "zmm22", "zmm23", "zmm24", "zmm25", "zmm26", "zmm27",
            "zmm28", "zmm29"
        ]
    );
    chains!(
        zmm_ps_16,
        "avx512f",
        __m512,
        _mm512_set1_ps,
        "vfmadd231ps",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15"
        ]
    );
    chains!(
        zmm_ps_24,
        "avx512f",
        __m512,
        _mm512_set1_ps,
        "vfmadd231ps",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "zmm18",
            "zmm19", "zmm20", "zmm21", "zmm22", "zmm23"
        ]
    );
    chains!(
        zmm_ps_30,
        "avx512f",
        __m512,
        _mm512_set1_ps,
        "vfmadd231ps",
        "zmm30",
        "zmm31",
        [
            "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9",
            "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "zmm18",
            "zmm19", "zmm20", "zmm21", "zmm22", "zmm23", "zmm24", "zmm25", "zmm26", "zmm27",
            "zmm28", "zmm29"
        ]
    );
}

/// Runs `iters` rounds of `chains` independent FMAs of this width and type.
fn run(width: Width, real: Real, chains: usize, iters: u64) {
    #[cfg(target_arch = "x86_64")]
    {
        assert!(width.supported(), "{width:?} is not supported here");
        // SAFETY: the width's features were checked just above.
        unsafe {
            match (width, real, chains) {
                (Width::Avx2, Real::F64, 8) => asm::ymm_pd_8(iters),
                (Width::Avx2, Real::F64, 12) => asm::ymm_pd_12(iters),
                (Width::Avx2, Real::F64, 14) => asm::ymm_pd_14(iters),
                (Width::Avx2, Real::F32, 8) => asm::ymm_ps_8(iters),
                (Width::Avx2, Real::F32, 12) => asm::ymm_ps_12(iters),
                (Width::Avx2, Real::F32, 14) => asm::ymm_ps_14(iters),
                (Width::Avx512, Real::F64, 16) => asm::zmm_pd_16(iters),
                (Width::Avx512, Real::F64, 24) => asm::zmm_pd_24(iters),
                (Width::Avx512, Real::F64, 30) => asm::zmm_pd_30(iters),
                (Width::Avx512, Real::F32, 16) => asm::zmm_ps_16(iters),
                (Width::Avx512, Real::F32, 24) => asm::zmm_ps_24(iters),
                (Width::Avx512, Real::F32, 30) => asm::zmm_ps_30(iters),
                _ => panic!("no probe with {chains} chains for {width:?}"),
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (width, real, chains, iters);
}

/// GFLOPS of one thread running `chains` chains for about `seconds`.
pub fn chain_gflops(width: Width, real: Real, chains: usize, seconds: f64) -> f64 {
    let lanes = (width.bytes() / real.bytes()) as f64;
    let mut iters = 1u64 << 14;
    loop {
        let t = Instant::now();
        run(width, real, chains, iters);
        let dt = t.elapsed().as_secs_f64();
        if dt > seconds {
            return iters as f64 * chains as f64 * lanes * 2.0 / dt * 1e-9;
        }
        iters *= 2;
    }
}

/// One width and type's peak on one core: the best of `rounds` rounds over every chain
/// count (a busy host only ever slows a round down), with each count's best.
pub struct Peak {
    pub width: Width,
    pub real: Real,
    /// GFLOPS on one core.
    pub gflops: f64,
    /// `(chains, best GFLOPS)` for every count tried.
    pub by_chains: Vec<(usize, f64)>,
}

impl Peak {
    /// False when the most chains ran clearly faster than the next count: then even
    /// more might, and the probe would be latency-bound (too few chains for this core).
    pub fn saturated(&self) -> bool {
        let n = self.by_chains.len();
        n < 2 || self.by_chains[n - 1].1 <= 1.03 * self.by_chains[n - 2].1
    }
}

/// Measures one core's peak for this width and type, `rounds` rounds of about `seconds`
/// per chain count.
pub fn peak(width: Width, real: Real, seconds: f64, rounds: usize) -> Peak {
    let mut by_chains: Vec<(usize, f64)> = width.chains().iter().map(|&c| (c, 0.0)).collect();
    for _ in 0..rounds.max(1) {
        for (c, best) in by_chains.iter_mut() {
            *best = best.max(chain_gflops(width, real, *c, seconds));
        }
    }
    let gflops = by_chains.iter().map(|c| c.1).fold(0.0, f64::max);
    Peak {
        width,
        real,
        gflops,
        by_chains,
    }
}

/// The peak of `threads` cores at once (each running the best chain count of `one`):
/// the sum over the threads of their best round.
pub fn peak_threads(one: &Peak, threads: usize, seconds: f64, rounds: usize) -> f64 {
    let chains = one
        .by_chains
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(one.width.chains()[0], |c| c.0);
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    (0..rounds.max(1))
                        .map(|_| chain_gflops(one.width, one.real, chains, seconds))
                        .fold(0.0, f64::max)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every probe runs and counts a positive rate (how the counts compare is not
    /// asserted: the host is shared).
    #[test]
    fn every_probe_runs() {
        for w in Width::available() {
            for r in [Real::F64, Real::F32] {
                for &c in w.chains() {
                    assert!(chain_gflops(w, r, c, 0.001) > 0.0, "{w:?} {r:?} {c}");
                }
            }
        }
    }
}
