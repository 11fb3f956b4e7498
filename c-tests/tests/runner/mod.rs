//! Runs C programs as musl's libc-test does: each in its own process group under a
#![allow(dead_code)]
//! watchdog, reported as PASS, FAIL (exit status), CRASH (signal) or HANG (killed
//! at the deadline, with its whole process group so no stray child survives).

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The C fork scenarios (issue list order), run by the suite and by peer mode.
pub const FORK_SCENARIOS: [&str; 12] = [
    "fork_seed",
    "fork_parent_again",
    "fork_child_factors",
    "fork_both_factor",
    "fork_grandchild",
    "fork_storm",
    "fork_during_getrf",
    "fork_many_callers",
    "fork_syscall",
    "fork_shapes",
    "fork_spawn",
    "fork_atfork_order",
];

/// One program run: its name, arguments and deadline.
pub struct Case {
    pub name: String,
    pub program: String,
    pub args: Vec<String>,
    pub limit: Duration,
}

/// The verdict on one case.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail(i32),
    Crash(i32),
    Hang,
}

/// Directory holding the compiled C programs.
pub fn bin_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("FORKLU_C_BIN"))
}

/// Runs one case; returns the verdict, its stderr, and the wall time.
pub fn run(case: &Case) -> (Verdict, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(bin_dir().join(&case.program))
        .args(&case.args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Sanitized programs: stop at the first error; the suite's helpers free little
        // on purpose (short-lived processes), so leak reports would be noise.
        .env(
            "ASAN_OPTIONS",
            "detect_leaks=0:abort_on_error=0:exitcode=98",
        )
        .env(
            "UBSAN_OPTIONS",
            "halt_on_error=1:print_stacktrace=1:exitcode=97",
        )
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", case.program));
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let verdict = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            use std::os::unix::process::ExitStatusExt;
            break match (status.code(), status.signal()) {
                (Some(0), _) => Verdict::Pass,
                (Some(c), _) => Verdict::Fail(c),
                (None, Some(sig)) => Verdict::Crash(sig),
                _ => Verdict::Fail(-1),
            };
        }
        if start.elapsed() > case.limit {
            // SAFETY: signalling the process group the child leads.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            let _ = child.wait();
            break Verdict::Hang;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Descendants left in the group (a child that outlived its parent) go too.
    // SAFETY: as above; the group may already be empty.
    unsafe { libc::kill(-pid, libc::SIGKILL) };
    (verdict, reader.join().unwrap_or_default(), start.elapsed())
}

/// Runs every case, prints one line each and a summary, and fails if any did not pass.
pub fn run_all(suite: &str, cases: &[Case]) {
    let mut bad = Vec::new();
    for case in cases {
        let (verdict, stderr, took) = run(case);
        let label = match verdict {
            Verdict::Pass => "PASS".to_string(),
            Verdict::Fail(c) => format!("FAIL [status {c}]"),
            Verdict::Crash(s) => format!("CRASH [signal {s}]"),
            Verdict::Hang => format!("HANG [timed out after {:?}]", case.limit),
        };
        println!("{label:<28} {:<40} {:>7.2}s", case.name, took.as_secs_f64());
        if verdict != Verdict::Pass {
            for line in stderr.lines().take(20) {
                println!("    {line}");
            }
            bad.push(case.name.clone());
        }
    }
    let passed = cases.len() - bad.len();
    println!("{suite}: {passed} passed, {} failed", bad.len());
    assert!(bad.is_empty(), "{suite}: not passing: {}", bad.join(", "));
}
