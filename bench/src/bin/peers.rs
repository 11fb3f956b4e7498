//! Side-by-side dgetrf: forklu and every peer `bench/peers.sh` installed, loaded with
//! `dlopen` into this one process and timed interleaved, with 1 thread and all cores.
//!
//! `peers [--quick | --smoke | --shapes 4000x1000,512] [--forklu PATH] [--manifest PATH]
//! [--out DIR]`, or `peers --from-csv FILE` to print the table and redraw the chart of
//! an earlier run. `--shapes` times only the listed `MxN` (or `N` for square) shapes.

use forklu_bench::loader::{Lapack, Spec};
use forklu_bench::report::{Row, csv, rows_from_csv, svg, table};
use forklu_bench::timing::{Schedule, getrf_flops, time_shape};
use std::path::PathBuf;

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

    let own = Spec::forklu(forklu);
    let mut libs = vec![Lapack::load(&own).unwrap_or_else(|e| panic!("forklu: {e}"))];
    if let Ok(text) = std::fs::read_to_string(&manifest) {
        for spec in text.lines().filter_map(Spec::parse) {
            match Lapack::load(&spec) {
                Ok(l) => libs.push(l),
                Err(e) => eprintln!("skipping {}: {e}", spec.name),
            }
        }
    }
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
    // Multi-threaded rounds go in three blocks per library, one in the quick runs (each
    // block costs a pause of 0.4 s and a warm-up of 0.1 s).
    let blocks = if flag("--quick") || flag("--smoke") {
        1
    } else {
        3
    };
    println!(
        "dgetrf GFLOPS, median (best); 1 thread: libraries interleaved, {cores} threads: {} each; {cpu}, {cores} cores",
        if blocks == 1 {
            "one block"
        } else {
            "three blocks"
        }
    );
    for l in &libs {
        let mut notes = Vec::new();
        if !l.detail.is_empty() {
            notes.push(format!("kernel {}", l.detail));
        }
        if !l.can_set_threads() {
            notes.push("no thread setter: runs with its own default".into());
        }
        println!("  {:<22} {}", l.name, notes.join(", "));
    }
    if libs.len() == 1 {
        println!(
            "  (no peers installed: run bash bench/peers.sh for OpenBLAS, MKL and reference LAPACK)"
        );
    }

    let (shapes, budget): (Vec<(usize, usize)>, f64) = if let Some(list) = value("--shapes") {
        (list.split(',').map(parse_shape).collect(), 2.0)
    } else if flag("--smoke") {
        (vec![(32, 32)], 0.02)
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
    let mut thread_counts = vec![1];
    if cores > 1 {
        thread_counts.push(cores);
    }
    let mut rows = Vec::new();
    for &threads in &thread_counts {
        for l in &libs {
            l.set_threads(threads);
        }
        for &(m, n) in &shapes {
            let schedule = if threads == 1 {
                Schedule::Interleaved
            } else {
                Schedule::Blocks(blocks)
            };
            let samples = time_shape(&libs, m, n, budget, schedule);
            let f = getrf_flops(m, n) * 1e-9;
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
    if std::fs::create_dir_all(&out).is_ok() {
        let _ = std::fs::write(out.join("peers.csv"), csv(&names, &rows));
        let _ = std::fs::write(out.join("peers.svg"), svg(&names, &rows));
        println!("wrote {}/peers.csv and peers.svg", out.display());
    }
    if rows.iter().any(|r| !r.gflops[0].2) {
        eprintln!("forklu produced a wrong result");
        std::process::exit(1);
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
