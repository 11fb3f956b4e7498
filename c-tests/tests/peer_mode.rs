//! Peer mode: the fork scenarios against every LAPACK in `bench/peers.sh`'s manifest and
//! against libforklu.so, all loaded the same way, as a PASS / HANG table. The table
//! documents the bug forklu fixes: it needs downloads, so it is ignored by the test
//! command (run it with `bash c-tests/peers.sh`), and asserts what it can: every
//! scenario has a cell for every library, and forklu's column is all PASS. The test
//! command runs the peer-mode programs against libforklu.so on their own, so the
//! machinery behind the README's forklu column is tested on every run.

mod runner;
use runner::{FORK_SCENARIOS, Verdict, bin_dir, run_command};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// One manifest line: name, library, getrf symbol, integer bits, thread setter, setter
/// argument type, libraries to preload (comma-separated or `-`), notes.
fn forklu_line() -> String {
    format!(
        "forklu\t{}/libforklu.so\tdgetrf_\t32\tforklu_set_num_threads\tint\t-\t-",
        env!("FORKLU_LIBDIR")
    )
}

/// Runs `scenario` in peer mode against the library of manifest line `l`.
fn run_peer(
    scenario: &str,
    l: &[String],
    threads: &str,
    limit: Duration,
) -> (Verdict, String, Duration) {
    let preload = if l[6] == "-" {
        String::new()
    } else {
        l[6].replace(',', ":")
    };
    let mut cmd = Command::new(bin_dir().join("peer").join(scenario));
    cmd.arg(threads)
        .env("FORKLU_PEER_LIB", &l[1])
        .env("FORKLU_PEER_GETRF", &l[2])
        .env("FORKLU_PEER_BITS", &l[3])
        .env("FORKLU_PEER_SETTER", &l[4])
        .env("FORKLU_PEER_PRELOAD", preload);
    run_command(&mut cmd, limit)
}

fn fields(line: &str) -> Vec<String> {
    line.split('\t').map(String::from).collect()
}

/// The README's forklu column: every scenario at 8 threads, loaded through peer mode's
/// dlopen path, passes.
#[test]
fn peer_mode_passes_every_scenario_against_libforklu() {
    let forklu = fields(&forklu_line());
    let mut bad = Vec::new();
    for scenario in FORK_SCENARIOS {
        let (verdict, stderr, took) = run_peer(scenario, &forklu, "8", Duration::from_secs(60));
        println!(
            "{:<28} peer mode {scenario:<22} {:>6.2}s",
            format!("{verdict:?}"),
            took.as_secs_f64()
        );
        if verdict != Verdict::Pass {
            println!(
                "    {}",
                stderr.lines().take(10).collect::<Vec<_>>().join("\n    ")
            );
            bad.push(scenario);
        }
    }
    assert!(bad.is_empty(), "peer mode against libforklu.so: {bad:?}");
}

#[test]
#[ignore = "documentation run: needs the peers from bench/peers.sh (c-tests/peers.sh)"]
fn fork_scenarios_against_every_peer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let peers = std::env::var("FORKLU_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/peers"));
    let manifest =
        std::fs::read_to_string(peers.join("peers.tsv")).expect("run bench/peers.sh first");
    let forklu = forklu_line();
    let limit = Duration::from_secs(
        std::env::var("FORKLU_PEER_TIMEOUT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(15),
    );
    let threads = std::env::var("FORKLU_PEER_THREADS").unwrap_or_else(|_| "8".into());
    let libs: Vec<Vec<String>> = std::iter::once(forklu.as_str())
        .chain(manifest.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(fields)
        .filter(|f| f.len() >= 7 && f[4] != "-")
        .collect();
    assert!(
        libs.len() >= 2,
        "no peer with a thread setter in {}",
        peers.join("peers.tsv").display()
    );
    print!("{:<20}", format!("threads={threads}"));
    for l in &libs {
        print!(" {:>22}", l[0]);
    }
    println!();
    let mut forklu_failed = Vec::new();
    let mut cells = 0;
    for scenario in FORK_SCENARIOS {
        print!("{scenario:<20}");
        for (i, l) in libs.iter().enumerate() {
            let (verdict, _, took) = run_peer(scenario, l, &threads, limit);
            let cell = match verdict {
                Verdict::Pass => format!("PASS {:.1}s", took.as_secs_f64()),
                Verdict::Fail(c) => format!("FAIL [{c}]"),
                Verdict::Crash(s) => format!("CRASH [sig {s}]"),
                Verdict::Hang => format!("killed >{}s", limit.as_secs()),
            };
            if i == 0 && verdict != Verdict::Pass {
                forklu_failed.push(format!("{scenario}: {cell}"));
            }
            cells += 1;
            print!(" {cell:>22}");
        }
        println!();
    }
    assert_eq!(
        cells,
        FORK_SCENARIOS.len() * libs.len(),
        "a cell is missing"
    );
    assert!(
        forklu_failed.is_empty(),
        "forklu's column: {forklu_failed:?}"
    );
}
