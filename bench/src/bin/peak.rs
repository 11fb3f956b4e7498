//! This machine's double-precision FMA peak, measured: independent FMA chains (enough to
//! cover latency times throughput) on one core and on every core. "Percent of peak"
//! elsewhere refers to this number. Then forklu's GEMM microkernel alone, on packed
//! panels already in cache: its GFLOPS, its share of the peak, and the cycles one call
//! takes at the peak's FMA rate against the ideal. `peak [--seconds S]`

use std::time::Instant;

#[cfg(target_arch = "x86_64")]
mod fma {
    use std::arch::x86_64::*;

    /// `iters` rounds of 16 independent 512-bit FMAs; returns a value to keep them alive.
    ///
    /// # Safety
    /// The CPU supports AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub unsafe fn avx512(iters: u64) -> f64 {
        let m = _mm512_set1_pd(0.999_999_9);
        let a = _mm512_set1_pd(1e-9);
        let mut acc = [_mm512_set1_pd(1.0); 16];
        for _ in 0..iters {
            for x in acc.iter_mut() {
                *x = _mm512_fmadd_pd(*x, m, a);
            }
        }
        acc.iter().map(|&x| _mm512_reduce_add_pd(x)).sum()
    }

    /// As [`avx512`] with 256-bit FMAs.
    ///
    /// # Safety
    /// The CPU supports AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn avx2(iters: u64) -> f64 {
        let m = _mm256_set1_pd(0.999_999_9);
        let a = _mm256_set1_pd(1e-9);
        let mut acc = [_mm256_set1_pd(1.0); 16];
        for _ in 0..iters {
            for x in acc.iter_mut() {
                *x = _mm256_fmadd_pd(*x, m, a);
            }
        }
        let mut out = [0.0; 4];
        let mut s = 0.0;
        for x in acc {
            // SAFETY: `out` holds 4 doubles.
            unsafe { _mm256_storeu_pd(out.as_mut_ptr(), x) };
            s += out.iter().sum::<f64>();
        }
        s
    }
}

/// GFLOPS of one thread running the widest FMA the CPU has, for about `seconds`.
fn one_core(seconds: f64) -> (f64, &'static str) {
    #[cfg(target_arch = "x86_64")]
    {
        let (lanes, name): (f64, &str) = if is_x86_feature_detected!("avx512f") {
            (8.0, "AVX-512")
        } else if is_x86_feature_detected!("fma") {
            (4.0, "AVX2+FMA")
        } else {
            return (0.0, "no FMA");
        };
        let run = |iters| {
            // SAFETY: the feature was detected just above.
            unsafe {
                if lanes == 8.0 {
                    fma::avx512(iters)
                } else {
                    fma::avx2(iters)
                }
            }
        };
        let mut iters = 1u64 << 20;
        loop {
            let t = Instant::now();
            std::hint::black_box(run(iters));
            let dt = t.elapsed().as_secs_f64();
            if dt > seconds {
                return (iters as f64 * 16.0 * lanes * 2.0 / dt * 1e-9, name);
            }
            iters *= 2;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    (0.0, "not measured on this architecture")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (single, isa) = one_core(seconds);
    let all: f64 = std::thread::scope(|s| {
        let hs: Vec<_> = (0..cores)
            .map(|_| s.spawn(|| one_core(seconds).0))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    });
    println!(
        "FMA peak ({isa}, double): {single:.1} GFLOPS on 1 core, {all:.1} GFLOPS on {cores} cores"
    );
    microkernel(seconds, single);
}

/// One microkernel call after another on the same packed panels (`k = kc`, a full
/// tile, `C` in L1), the way the innermost GEMM loop runs it.
fn microkernel(seconds: f64, peak: f64) {
    let kern = forklu::unstable::microkernel();
    let (mr, nr, k) = (kern.mr, kern.nr, kern.kc);
    let a: Vec<f64> = (0..mr * k).map(|i| 1.0 + (i % 7) as f64 * 1e-3).collect();
    let bp: Vec<f64> = (0..nr * k).map(|i| 1.0 - (i % 5) as f64 * 1e-3).collect();
    let mut c = vec![0.0; mr * nr];
    let mut calls = 1u64 << 10;
    let dt = loop {
        let t = Instant::now();
        for _ in 0..calls {
            forklu::unstable::run_microkernel(k, &a, &bp, &mut c)
                .expect("panels sized for the kernel");
        }
        std::hint::black_box(&c);
        let dt = t.elapsed().as_secs_f64();
        if dt > seconds {
            break dt;
        }
        calls *= 2;
    };
    let flops = 2.0 * (mr * nr * k) as f64;
    let gflops = calls as f64 * flops / dt * 1e-9;
    // At the peak's rate the core retires peak / 2 FMA lanes per ns; the ideal call
    // needs mr nr k of them. Cycles are counted in units of the peak FMA throughput.
    let lanes_per_cycle = 2.0 * kern.lanes as f64;
    let ideal = (mr * nr * k) as f64 / lanes_per_cycle;
    println!(
        "microkernel {} {mr}x{nr}, k = {k}: {gflops:.1} GFLOPS = {:.0} % of the 1-core peak; \
         {:.0} cycles per call at the peak's FMA rate (ideal {ideal:.0}, two {}-lane FMAs per cycle)",
        kern.isa,
        100.0 * gflops / peak,
        ideal * peak / gflops,
        kern.lanes,
    );
}
