//! One library's `?getrf` on one shape, over and over, for a profiler
//! (`valgrind --tool=callgrind`, `perf record`) or a plain timing:
//! `factor [--shape MxN | N] [--reps R] [--threads T] [--precision d] [--lib NAME] [--cpu]`.
//! `--lib forklu` (the default) runs forklu's Rust routine in this process; any other
//! name is a library of `bench/peers.sh`'s manifest, loaded as it is (set
//! `OPENBLAS_CORETYPE` or `MKL_ENABLE_INSTRUCTIONS` yourself to pin its kernels).
//! Prints the median and best GFLOPS of the calls; with `--cpu`, timed by the thread's
//! CPU time (one thread only: time the scheduler gave to other processes of a busy host
//! is not counted). For forklu in `d` and `z`, `--panel W|never`, `--trsm B`,
//! `--leaf LU,SHORT` and `--caches L1D,L2,L3` (bytes) override the tuning, to compare
//! choices in one build.

use forklu::unstable::{CacheSizes, Caches, Panels, Tuning, getrf_with};
use forklu::{C64, MatMut};
use forklu_bench::loader::{Lapack, Matrix, Precision, Spec};
use forklu_bench::timing::{getrf_flops, random_matrix_of};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (m, n) = match value("--shape").as_deref().map(|s| s.split_once('x')) {
        Some(Some((m, n))) => (m.parse().unwrap(), n.parse().unwrap()),
        Some(None) => {
            let n = value("--shape").unwrap().parse().unwrap();
            (n, n)
        }
        None => (256, 256),
    };
    let reps: usize = value("--reps").map_or(100, |r| r.parse().unwrap());
    let threads: usize = value("--threads").map_or(1, |r| r.parse().unwrap());
    let p = value("--precision")
        .and_then(|p| Precision::parse(&p))
        .unwrap_or(Precision::D);
    let name = value("--lib").unwrap_or_else(|| "forklu".into());
    let lib = if name == "forklu" {
        Lapack::in_process(p)
    } else {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::var("FORKLU_PEERS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root.join("target/peers"));
        let text =
            std::fs::read_to_string(dir.join("peers.tsv")).expect("bench/peers.sh's manifest");
        let spec = text
            .lines()
            .filter_map(Spec::parse)
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no {name} in the manifest"));
        Lapack::load(&spec, p).unwrap_or_else(|e| panic!("{e}"))
    };
    lib.set_threads(threads);
    let a = random_matrix_of(p, m, n, 7);
    let mut work = random_matrix_of(p, m, n, 0);
    let mut ipiv = vec![0i64; m.min(n)];
    let mut tuning = Tuning::DEFAULT;
    match value("--panel").as_deref() {
        None => {}
        Some("never") => tuning.panels = Panels::Never,
        Some(w) => tuning.panels = Panels::Width(w.parse().expect("--panel W|never")),
    }
    if let Some(v) = value("--trsm") {
        tuning.trsm_block = v.parse().expect("--trsm B");
    }
    if let Some(v) = value("--leaf") {
        let (a, b) = v.split_once(',').expect("--leaf LU,SHORT");
        tuning.lu_leaf = a.parse().expect("--leaf");
        tuning.short_leaf = b.parse().expect("--leaf");
    }
    if let Some(c) = value("--caches") {
        let v: Vec<usize> = c.split(',').map(|x| x.parse().expect("--caches")).collect();
        tuning.caches = CacheSizes::Given(Caches {
            l1d: v[0],
            l2: v[1],
            l3: v[2],
        });
    }
    let cpu = args.iter().any(|a| a == "--cpu");
    let start = Instant::now();
    let now = || {
        if cpu {
            let mut ts = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: a valid timespec to fill.
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
            ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
        } else {
            start.elapsed().as_secs_f64()
        }
    };
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps.max(1) {
        work.copy_from(&a);
        let t = now();
        match &mut work {
            Matrix::F64(w) if lib.is_in_process() && tuning != Tuning::DEFAULT => {
                if p == Precision::Z {
                    // SAFETY: C64 is repr(C) of two f64: the pairs are its elements.
                    let z = unsafe {
                        std::slice::from_raw_parts_mut(w.as_mut_ptr().cast::<C64>(), w.len() / 2)
                    };
                    let _ = getrf_with(&tuning, MatMut::col_major(z, m, n, m).unwrap(), &mut ipiv);
                } else {
                    let _ = getrf_with(&tuning, MatMut::col_major(w, m, n, m).unwrap(), &mut ipiv);
                }
            }
            w => {
                lib.getrf(m, n, w, &mut ipiv);
            }
        }
        times.push(now() - t);
    }
    times.sort_by(f64::total_cmp);
    let f = getrf_flops(m, n) * p.flop_factor() * 1e-9;
    println!(
        "{name} {}getrf {m}x{n}, {threads} thr, {} calls: median {:.2} GFLOPS, best {:.2}{}",
        p.letter(),
        times.len(),
        f / times[times.len() / 2],
        f / times[0],
        match lib.detail() {
            d if d.is_empty() => String::new(),
            d => format!(" (kernel {d})"),
        }
    );
}
