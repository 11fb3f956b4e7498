//! This machine's FMA peak per vector width and precision (`forklu_bench::fma`: enough
//! independent chains for any core, written in assembly), on one core and on every
//! core; then each of forklu's GEMM microkernels alone, on packed panels already in
//! cache, against the peak of its width and type. A microkernel above 100 % of its peak
//! means the probe is wrong on this CPU: that is reported as a failure (exit status 2),
//! never printed as a percentage. `peak [--seconds S] [--rounds R]`

use forklu::unstable::{Microkernel, microkernel_at, run_microkernel_at};
use forklu_bench::fma::{Real, Width, peak, peak_threads};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    let seconds = value("--seconds").unwrap_or(0.05);
    let rounds = value("--rounds").map_or(5, |r| r as usize);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let widths = Width::available();
    if widths.is_empty() {
        println!("no FMA unit this probe knows (x86-64 AVX2+FMA or AVX-512)");
        return;
    }
    let mut peaks = Vec::new();
    for &w in &widths {
        for r in [Real::F64, Real::F32] {
            let mut p = peak(w, r, seconds, rounds);
            let all = peak_threads(&p, cores, seconds, rounds);
            // Every core ran at least the average of all of them at once: a busy spell
            // in the one-core rounds shows up here.
            p.gflops = p.gflops.max(all / cores as f64);
            let chains: Vec<String> = p
                .by_chains
                .iter()
                .map(|(c, g)| format!("{c}: {g:.1}"))
                .collect();
            println!(
                "FMA peak ({}, {}): {:.1} GFLOPS on 1 core, {all:.1} on {cores} cores (chains {})",
                label(w),
                r.name(),
                p.gflops,
                chains.join(", ")
            );
            if !p.saturated() {
                println!(
                    "  WARNING: the most chains ran faster than fewer; this core may need more \
                     than {} to reach its peak",
                    w.chains().last().copied().unwrap_or(0)
                );
            }
            peaks.push(p);
        }
    }
    let c = forklu::unstable::caches();
    println!(
        "caches a core (CPUID, as forklu sizes its blocks): L1d {} KiB, L2 {} KiB, L3 share {} KiB",
        c.l1d >> 10,
        c.l2 >> 10,
        c.l3 >> 10
    );
    let mut failed = false;
    for p in &mut peaks {
        let name = p.width.name();
        let found = match p.real {
            Real::F64 => microkernel_at::<f64>(name),
            Real::F32 => microkernel_at::<f32>(name),
        };
        let Some(kern) = found else { continue };
        let mut gflops = microkernel(&kern, p.real, seconds, rounds);
        if gflops > p.gflops {
            // A busy spell during the probe's rounds: measure it once more before
            // calling the probe wrong.
            let again = peak(p.width, p.real, seconds, 2 * rounds);
            p.gflops = p.gflops.max(again.gflops);
            gflops = gflops.max(microkernel(&kern, p.real, seconds, rounds));
        }
        let ideal_ns = (kern.mr * kern.nr * kern.kc) as f64 * 2.0 / p.gflops;
        let call_ns = (kern.mr * kern.nr * kern.kc) as f64 * 2.0 / gflops;
        let what = format!(
            "microkernel {} {} {}x{}, k = {} (mc {}, nc {})",
            kern.isa,
            p.real.name(),
            kern.mr,
            kern.nr,
            kern.kc,
            kern.mc,
            kern.nc
        );
        if gflops > p.gflops {
            failed = true;
            println!(
                "{what}: {gflops:.1} GFLOPS, above the {} {} FMA peak of {:.1}: PEAK PROBE \
                 FAILED on this CPU (no percentage is valid)",
                label(p.width),
                p.real.name(),
                p.gflops
            );
        } else {
            println!(
                "{what}: {gflops:.1} GFLOPS = {:.0} % of the {} {} peak; {call_ns:.1} ns per \
                 call, {ideal_ns:.1} ns at the peak",
                100.0 * gflops / p.gflops,
                label(p.width),
                p.real.name()
            );
        }
    }
    if failed {
        std::process::exit(2);
    }
}

fn label(w: Width) -> &'static str {
    match w {
        Width::Avx512 => "AVX-512",
        Width::Avx2 => "AVX2+FMA",
    }
}

/// Best GFLOPS of `rounds` rounds of one microkernel call after another on the same
/// packed panels (`k = kc`, a full tile, `C` in L1), the way the innermost GEMM loop
/// runs it.
fn microkernel(kern: &Microkernel, real: Real, seconds: f64, rounds: usize) -> f64 {
    match real {
        Real::F64 => calls::<f64>(kern, seconds, rounds, |x| x),
        Real::F32 => calls::<f32>(kern, seconds, rounds, |x| x as f32),
    }
}

fn calls<R: forklu::Real>(
    kern: &Microkernel,
    seconds: f64,
    rounds: usize,
    from: impl Fn(f64) -> R,
) -> f64 {
    let (mr, nr, k) = (kern.mr, kern.nr, kern.kc);
    let a: Vec<R> = (0..mr * k)
        .map(|i| from(1.0 + (i % 7) as f64 * 1e-3))
        .collect();
    let b: Vec<R> = (0..nr * k)
        .map(|i| from(1.0 - (i % 5) as f64 * 1e-3))
        .collect();
    let mut c = vec![R::ZERO; mr * nr];
    let flops = 2.0 * (mr * nr * k) as f64;
    let mut best = 0.0f64;
    let mut n = 1u64 << 8;
    for _ in 0..rounds.max(1) {
        let dt = loop {
            let t = Instant::now();
            for _ in 0..n {
                run_microkernel_at(kern.isa, k, &a, &b, &mut c).expect("panels sized for it");
            }
            std::hint::black_box(&c);
            let dt = t.elapsed().as_secs_f64();
            if dt > seconds {
                break dt;
            }
            n *= 2;
        };
        best = best.max(n as f64 * flops / dt * 1e-9);
    }
    best
}
