//! Peer mode: the fork scenarios against every LAPACK in `bench/peers.sh`'s manifest and
//! against libforklu.so, all loaded the same way, as a PASS / HANG table. Documentation
//! of the bug forklu fixes, not a test of forklu: it needs downloads, so it is ignored
//! by the test command. Run it with `bash c-tests/peers.sh`.

mod runner;
use runner::{Case, FORK_SCENARIOS, Verdict, run};
use std::path::PathBuf;
use std::time::Duration;

#[test]
#[ignore = "documentation run: needs the peers from bench/peers.sh (c-tests/peers.sh)"]
fn fork_scenarios_against_every_peer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let peers = std::env::var("FORKLU_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/peers"));
    let manifest =
        std::fs::read_to_string(peers.join("peers.tsv")).expect("run bench/peers.sh first");
    let forklu = format!(
        "forklu\t{}/libforklu.so\tdgetrf_\t32\tforklu_set_num_threads\tint\t-\t-",
        env!("FORKLU_LIBDIR")
    );
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
        .map(|l| l.split('\t').map(String::from).collect())
        .filter(|f: &Vec<String>| f.len() >= 7 && f[4] != "-")
        .collect();
    print!("{:<20}", format!("threads={threads}"));
    for l in &libs {
        print!(" {:>22}", l[0]);
    }
    println!();
    for scenario in FORK_SCENARIOS {
        print!("{scenario:<20}");
        for l in &libs {
            let case = Case {
                name: scenario.into(),
                program: format!("peer/{scenario}"),
                args: vec![threads.clone()],
                limit,
            };
            let _env = PeerEnv::set(l);
            let (verdict, _, took) = run(&case);
            let cell = match verdict {
                Verdict::Pass => format!("PASS {:.1}s", took.as_secs_f64()),
                Verdict::Fail(c) => format!("FAIL [{c}]"),
                Verdict::Crash(s) => format!("CRASH [sig {s}]"),
                Verdict::Hang => format!("killed >{}s", limit.as_secs()),
            };
            print!(" {cell:>22}");
        }
        println!();
    }
}

/// Sets the peer-mode variables for the next child, restoring nothing (one test thread).
struct PeerEnv;

impl PeerEnv {
    fn set(l: &[String]) -> PeerEnv {
        let preload = if l[6] == "-" {
            String::new()
        } else {
            l[6].replace(',', ":")
        };
        for (k, v) in [
            ("FORKLU_PEER_LIB", l[1].as_str()),
            ("FORKLU_PEER_GETRF", l[2].as_str()),
            ("FORKLU_PEER_BITS", l[3].as_str()),
            ("FORKLU_PEER_SETTER", l[4].as_str()),
            ("FORKLU_PEER_PRELOAD", preload.as_str()),
        ] {
            // SAFETY: this ignored test runs alone on its thread; no other thread reads
            // the environment while it changes.
            unsafe { std::env::set_var(k, v) };
        }
        PeerEnv
    }
}
