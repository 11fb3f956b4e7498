//! The parent's fork tax: how much slower the first parallel `dgetrf(216)` after a
//! `fork()` (child exits at once) is than a warm call, median and worst over many
//! forks, for forklu and every peer in `bench/peers.sh`'s manifest. The matrix is
//! and pivots are written before each timing, so copy-on-write of the caller's own data
//! is not counted.
//! Each library runs in its own process under a watchdog: a hang is reported, not waited on.
//!
//! `fork_tax [--forks N] [--threads T]`

use forklu_bench::loader::{Lapack, Matrix, Precision, Spec};
use forklu_bench::timing::random_matrix;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const N: usize = 216;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs in a child process: measures one library and prints one result line.
fn measure(spec: &Spec, forks: usize, threads: usize) {
    let lib = Lapack::load(spec, Precision::D).unwrap_or_else(|e| panic!("{e}"));
    lib.set_threads(threads);
    let a = Matrix::F64(random_matrix(N, N, 1));
    let mut work = Matrix::F64(random_matrix(N, N, 1));
    let mut ipiv = vec![0i64; N];
    let mut time_one = |work: &mut Matrix| {
        work.copy_from(&a);
        ipiv.fill(0);
        let t = Instant::now();
        lib.getrf(N, N, work, &mut ipiv);
        t.elapsed().as_secs_f64() * 1e6
    };
    for _ in 0..20 {
        time_one(&mut work);
    }
    let (mut warm, mut after) = (Vec::new(), Vec::new());
    for _ in 0..forks {
        warm.push(time_one(&mut work));
        // SAFETY: the child only calls _exit.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: leave the child at once.
            unsafe { libc::_exit(0) };
        }
        let mut status = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        after.push(time_one(&mut work)); // writes the caller's matrix and pivots before timing
    }
    let worst = after.iter().copied().fold(0.0, f64::max);
    let (w, f) = (median(&mut warm), median(&mut after));
    println!(
        "{:<24} {:>9.1} {:>13.1} {:>10.1} {:>11.1}",
        spec.name,
        w,
        f,
        f - w,
        worst
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let forks: usize = value("--forks").and_then(|v| v.parse().ok()).unwrap_or(200);
    let threads: usize = value("--threads").and_then(|v| v.parse().ok()).unwrap_or(2);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let forklu = Spec::forklu(
        root.join("target/release/libforklu.so")
            .display()
            .to_string(),
    );
    let peers_dir = std::env::var("FORKLU_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/peers"));
    let mut specs = vec![forklu];
    if let Ok(text) = std::fs::read_to_string(peers_dir.join("peers.tsv")) {
        specs.extend(
            text.lines()
                .filter_map(Spec::parse)
                .filter(|s| !s.setter.is_empty()),
        );
    }
    if let Some(name) = value("--one") {
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .expect("known library");
        return measure(spec, forks, threads);
    }
    println!(
        "fork tax of dgetrf({N}) in the parent, {threads} threads, {forks} forks (microseconds)"
    );
    println!(
        "{:<24} {:>9} {:>13} {:>10} {:>11}",
        "library", "warm med", "after-fork med", "tax med", "after max"
    );
    for spec in &specs {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--one",
                &spec.name,
                "--forks",
                &forks.to_string(),
                "--threads",
                &threads.to_string(),
            ])
            .stdout(Stdio::inherit())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let start = Instant::now();
        loop {
            if let Some(st) = child.try_wait().unwrap() {
                if !st.success() {
                    println!("{:<24} failed ({st})", spec.name);
                }
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                println!("{:<24} HANG (killed after 60 s)", spec.name);
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
