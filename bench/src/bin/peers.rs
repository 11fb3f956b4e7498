//! Side-by-side `?getrf`: forklu and every peer `bench/peers.sh` installed, loaded with
//! `dlopen` into this one process and timed interleaved, with 1 thread and all cores.
//!
//! `peers [--quick | --smoke | --shapes 4000x1000,512] [--precision d | s,d,c,z]
//! [--isa native | avx2] [--only NAME,...] [--forklu PATH] [--manifest PATH] [--out DIR]`,
//! or `peers --from-csv FILE` to print the table and redraw the chart of an earlier run.
//!
//! - `--shapes` times only the listed `MxN` (or `N` for square) shapes.
//! - `--precision` picks the routine (`sgetrf`, `dgetrf`, `cgetrf`, `zgetrf`); a list runs
//!   them one after the other. When `libforklu.so` does not export a precision, forklu's
//!   Rust routine is called in this process instead (said in the header).
//! - `--isa native` lets every library pick its own kernels (`OPENBLAS_CORETYPE`,
//!   `OPENBLAS_L2_SIZE`, `MKL_ENABLE_INSTRUCTIONS` and `FORKLU_ARCH` are cleared);
//!   `--isa avx2` runs the AVX2 class on any host: forklu with `FORKLU_ARCH=avx2`, MKL
//!   with `MKL_ENABLE_INSTRUCTIONS=AVX2`, and every OpenBLAS build twice, from copies of
//!   its file initialised with `OPENBLAS_CORETYPE=Haswell` and `=Zen`.
//! - `--only` keeps the peers whose name contains one of the words (forklu always runs).
//!
//! When the shapes include a square one of order 1000 or more, the run ends with the
//! FMA peak of the width and precision (`forklu_bench::fma`) and forklu's share of it
//! at the largest such order.

use forklu_bench::fma::{self, Width};
use forklu_bench::loader::{Lapack, Precision, Spec, copy_of};
use forklu_bench::report::{Row, csv, rows_from_csv, svg, table};
use forklu_bench::timing::{Schedule, getrf_flops, random_matrix_of, time_shape};
use std::path::{Path, PathBuf};

/// The kernel class every library is held to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Isa {
    Native,
    Avx2,
}

/// OpenBLAS kernel types of the AVX2 class, each loaded from its own copy of a build.
const AVX2_CORETYPES: [&str; 2] = ["Haswell", "Zen"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let forklu = value("--forklu").unwrap_or_else(|| {
        root.join("target/release/libforklu.so")
            .display()
            .to_string()
    });
    let peers_dir = std::env::var("FORKLU_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/peers"));
    let manifest = value("--manifest")
        .map(PathBuf::from)
        .unwrap_or_else(|| peers_dir.join("peers.tsv"));
    let out = value("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench"));
    if let Some(path) = value("--from-csv") {
        let (names, rows) = rows_from_csv(&std::fs::read_to_string(&path).expect("read the CSV"));
        print!("{}", table(&names, &rows));
        std::fs::create_dir_all(&out).expect("output folder");
        std::fs::write(out.join("peers.svg"), svg(&names, &rows)).expect("write the chart");
        return;
    }
    let isa = match value("--isa").as_deref() {
        None | Some("native") => Isa::Native,
        Some("avx2") => Isa::Avx2,
        Some(other) => panic!("--isa: {other:?} is not native or avx2"),
    };
    let precisions: Vec<Precision> = value("--precision")
        .unwrap_or_else(|| "d".into())
        .split(',')
        .map(|p| Precision::parse(p.trim()).unwrap_or_else(|| panic!("--precision: {p:?}")))
        .collect();
    let only: Vec<String> = value("--only")
        .map(|o| o.split(',').map(String::from).collect())
        .unwrap_or_default();
    set_isa(isa);

    let specs: Vec<Spec> = std::fs::read_to_string(&manifest)
        .map(|t| t.lines().filter_map(Spec::parse).collect())
        .unwrap_or_default();
    let specs: Vec<Spec> = specs
        .into_iter()
        .filter(|s| only.is_empty() || only.iter().any(|w| s.name.contains(w.as_str())))
        .collect();
    let smoke = flag("--smoke");
    let (shapes, budget): (Vec<(usize, usize)>, f64) = if let Some(list) = value("--shapes") {
        (list.split(',').map(parse_shape).collect(), 2.0)
    } else if smoke {
        // A small and a blocked (look-ahead) factorization: enough to check each path
        // end to end.
        (vec![(32, 32), (150, 150)], 0.02)
    } else if flag("--quick") {
        (vec![(64, 64), (256, 256), (1000, 1000), (2000, 500)], 0.6)
    } else {
        let mut s: Vec<(usize, usize)> = [16, 32, 64, 128, 256, 512, 1000, 2000, 4000]
            .iter()
            .map(|&n| (n, n))
            .collect();
        s.extend([(4000, 1000), (1000, 4000), (2000, 500)]);
        (s, 2.0)
    };
    // Multi-threaded rounds go in three blocks per library, one in the quick runs (each
    // block costs a pause of 0.4 s and a warm-up of 0.1 s).
    let blocks = if flag("--quick") || smoke { 1 } else { 3 };
    for &p in &precisions {
        let libs = load(&forklu, &specs, p, isa, &out);
        run(&libs, p, isa, &shapes, budget, blocks, smoke, &out);
    }
}

/// Sets the variables that choose the libraries' kernels, before any is loaded.
fn set_isa(isa: Isa) {
    let vars = [
        "OPENBLAS_CORETYPE",
        "OPENBLAS_L2_SIZE",
        "MKL_ENABLE_INSTRUCTIONS",
        "FORKLU_ARCH",
    ];
    // SAFETY: no other thread runs yet (no library is loaded), so nothing reads the
    // environment while it changes.
    unsafe {
        for v in vars {
            std::env::remove_var(v);
        }
        if isa == Isa::Avx2 {
            std::env::set_var("FORKLU_ARCH", "avx2");
            std::env::set_var("MKL_ENABLE_INSTRUCTIONS", "AVX2");
        }
    }
}

/// forklu first (its library, or its Rust routine in this process when the library
/// lacks the precision), then the peers, each OpenBLAS once per AVX2 kernel type in
/// the AVX2 class.
fn load(forklu: &str, specs: &[Spec], p: Precision, isa: Isa, out: &Path) -> Vec<Lapack> {
    let own = Spec::forklu(forklu.to_string());
    let mut libs = vec![Lapack::load(&own, p).unwrap_or_else(|e| {
        eprintln!("{e}; timing forklu's Rust routine in this process");
        Lapack::in_process(p)
    })];
    for spec in specs {
        let loaded = if isa == Isa::Avx2 && spec.is_openblas() {
            openblas_avx2(spec, p, out)
        } else {
            vec![Lapack::load(spec, p)]
        };
        for lib in loaded {
            match lib {
                Ok(l) => libs.push(l),
                Err(e) => eprintln!("skipping {}: {e}", spec.name),
            }
        }
    }
    libs
}

/// One OpenBLAS build per AVX2 kernel type: the library itself initialised with the
/// first `OPENBLAS_CORETYPE`, copies of its file with the others (a copy under another
/// path is a library of its own to the dynamic linker; it finds the build's own
/// dependencies already loaded). A copy that picked a kernel an earlier one already
/// runs (0.3.34's PyPI builds run Zen on the Haswell kernel) is left out.
fn openblas_avx2(spec: &Spec, p: Precision, out: &Path) -> Vec<Result<Lapack, String>> {
    let mut loaded: Vec<Result<Lapack, String>> = Vec::new();
    for (i, core) in AVX2_CORETYPES.iter().enumerate() {
        let path = if i == 0 {
            Ok(spec.path.clone())
        } else {
            copy_of(
                spec,
                &out.join("isa-copies"),
                &format!("{}-{core}.so", spec.name),
            )
        };
        // SAFETY: OpenBLAS reads OPENBLAS_CORETYPE once, in the constructor dlopen runs;
        // the threads already running (other libraries' workers) do not read the
        // environment.
        unsafe { std::env::set_var("OPENBLAS_CORETYPE", core) };
        let lib = path.and_then(|path| Lapack::load_from(spec, &path, p));
        // SAFETY: as above.
        unsafe { std::env::remove_var("OPENBLAS_CORETYPE") };
        let lib = lib.map(|mut l| {
            l.name = format!("{} {core}", spec.name);
            l
        });
        if let Ok(l) = &lib
            && loaded
                .iter()
                .flatten()
                .any(|other| other.detail() == l.detail())
        {
            eprintln!(
                "{}: OPENBLAS_CORETYPE={core} runs the {} kernel, as an earlier copy does; left out",
                spec.name,
                l.detail()
            );
            continue;
        }
        loaded.push(lib);
    }
    loaded
}

#[allow(clippy::too_many_arguments)]
fn run(
    libs: &[Lapack],
    p: Precision,
    isa: Isa,
    shapes: &[(usize, usize)],
    budget: f64,
    blocks: usize,
    smoke: bool,
    out: &Path,
) {
    let names: Vec<String> = libs.iter().map(|l| l.name.clone()).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    // One small call each first: MKL says which code path it took only after one.
    for l in libs {
        let mut a = random_matrix_of(p, 32, 32, 1);
        l.getrf(32, 32, &mut a, &mut [0; 32]);
    }
    println!(
        "{}getrf GFLOPS, median (best); {}; 1 thread: libraries interleaved, {cores} threads: {} each; {cpu}, {cores} cores",
        p.letter(),
        match isa {
            Isa::Native => "native kernels",
            Isa::Avx2 =>
                "AVX2 class (FORKLU_ARCH=avx2, MKL_ENABLE_INSTRUCTIONS=AVX2, OPENBLAS_CORETYPE per copy)",
        },
        if smoke {
            "not run (smoke)"
        } else if blocks == 1 {
            "one block"
        } else {
            "three blocks"
        }
    );
    for l in libs {
        let mut notes = Vec::new();
        if l.is_in_process() {
            notes.push("Rust routine in this process (libforklu.so lacks it)".to_string());
        }
        let detail = l.detail();
        if !detail.is_empty() {
            notes.push(format!("kernel {detail}"));
        }
        if !l.can_set_threads() {
            notes.push("no thread setter: runs with its own default".into());
        }
        println!("  {:<31} {}", l.name, notes.join(", "));
    }
    if libs.len() == 1 {
        println!(
            "  (no peers installed: run bash bench/peers.sh for OpenBLAS, MKL and reference LAPACK)"
        );
    }

    // The smoke run stays on one thread: interleaved with several, every library's
    // idle workers spin against the next library's call.
    let mut thread_counts = vec![1];
    if cores > 1 && !smoke {
        thread_counts.push(cores);
    }
    let mut rows = Vec::new();
    for &threads in &thread_counts {
        for l in libs {
            l.set_threads(threads);
        }
        for &(m, n) in shapes {
            let schedule = if threads == 1 {
                Schedule::Interleaved
            } else {
                Schedule::Blocks(blocks)
            };
            let samples = time_shape(libs, m, n, budget, schedule);
            let f = getrf_flops(m, n) * p.flop_factor() * 1e-9;
            rows.push(Row {
                m,
                n,
                threads,
                gflops: samples
                    .iter()
                    .map(|s| (f / s.median, f / s.best, s.ok))
                    .collect(),
            });
        }
    }
    print!("{}", table(&names, &rows));
    let mut stem = String::from("peers");
    if isa == Isa::Avx2 {
        stem.push_str("-avx2");
    }
    if p != Precision::D {
        stem.push_str(&format!("-{}", p.letter()));
    }
    if std::fs::create_dir_all(out).is_ok() {
        let _ = std::fs::write(out.join(format!("{stem}.csv")), csv(&names, &rows));
        let _ = std::fs::write(out.join(format!("{stem}.svg")), svg(&names, &rows));
        println!("wrote {}/{stem}.csv and {stem}.svg", out.display());
    }
    share_of_peak(&rows, p, isa, &thread_counts);
    if rows.iter().any(|r| !r.gflops[0].2) {
        eprintln!("forklu produced a wrong result");
        std::process::exit(1);
    }
}

/// forklu's median and best at the largest square order of 1000 or more, as a share of
/// the FMA peak of its width and precision on as many cores as threads.
fn share_of_peak(rows: &[Row], p: Precision, isa: Isa, thread_counts: &[usize]) {
    let Some(n) = rows
        .iter()
        .filter(|r| r.m == r.n && r.n >= 1000)
        .map(|r| r.n)
        .max()
    else {
        return;
    };
    let width = match isa {
        Isa::Avx2 => Width::Avx2,
        Isa::Native => match Width::available().first() {
            Some(&w) => w,
            None => return,
        },
    };
    if !width.supported() {
        return;
    }
    let real = if p.double() {
        fma::Real::F64
    } else {
        fma::Real::F32
    };
    let one = fma::peak(width, real, 0.05, 5);
    let most = thread_counts.iter().copied().max().unwrap_or(1);
    let all = fma::peak_threads(&one, most, 0.05, 5);
    // A busy spell only lowers a measurement: each core runs at least the average of
    // all of them at once, and all of them at least one core's rate each.
    let core = one.gflops.max(all / most as f64);
    for &t in thread_counts {
        let peak = if t == most {
            all.max(t as f64 * core)
        } else {
            t as f64 * core
        };
        if let Some(r) = rows.iter().find(|r| r.m == n && r.n == n && r.threads == t) {
            let (med, best, _) = r.gflops[0];
            println!(
                "forklu at n = {n}, {t} thr: {:.0} % of the {} {} FMA peak ({peak:.1} GFLOPS) median, {:.0} % best",
                100.0 * med / peak,
                width.name(),
                real.name(),
                100.0 * best / peak
            );
        }
    }
}

/// `"MxN"` or `"N"` (square).
fn parse_shape(s: &str) -> (usize, usize) {
    let num = |t: &str| {
        t.trim()
            .parse::<usize>()
            .unwrap_or_else(|_| panic!("--shapes: {s:?} is not MxN or N"))
    };
    match s.split_once('x') {
        Some((m, n)) => (num(m), num(n)),
        None => (num(s), num(s)),
    }
}
