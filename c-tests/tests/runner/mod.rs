//! Runs C programs as musl's libc-test does: each in its own process group under a
//! watchdog, reported as PASS, FAIL (exit status), CRASH (signal) or HANG (killed
//! at the deadline, with its whole process group so no stray child survives).
#![allow(dead_code)]

use forklu_testkit::{Outcome, run_with_deadline};
use std::process::Command;
use std::time::Duration;

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

/// The fork scenarios written once for every precision (`c/precision_fork_*.c`), run by
/// the suite with a precision letter after the thread count. Peer mode does not run
/// them: its remapping covers `dgetrf_` only.
pub const PRECISION_FORK_SCENARIOS: [&str; 4] = [
    "precision_fork_seed",
    "precision_fork_during_getrf",
    "precision_fork_many_callers",
    "precision_fork_syscall",
];

/// LAPACK's precisions, as the letters the precision-generic C programs take.
pub const PRECISIONS: [&str; 4] = ["s", "d", "c", "z"];

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
    let (verdict, _stdout, stderr, took) = run_with_stdout(case);
    (verdict, stderr, took)
}

/// Runs one case; returns the verdict, its stdout, its stderr, and the wall time.
pub fn run_with_stdout(case: &Case) -> (Verdict, String, String, Duration) {
    let mut cmd = Command::new(bin_dir().join(&case.program));
    cmd.args(&case.args);
    let (verdict, run) = supervised(&mut cmd, case.limit);
    (verdict, run.stdout, run.stderr, run.took)
}

/// Runs a prepared command (any program, any environment) the same way.
pub fn run_command(cmd: &mut Command, limit: Duration) -> (Verdict, String, Duration) {
    let (verdict, run) = supervised(cmd, limit);
    (verdict, run.stderr, run.took)
}

fn supervised(cmd: &mut Command, limit: Duration) -> (Verdict, forklu_testkit::Run) {
    // Sanitized programs: stop at the first error; the suite's helpers free little
    // on purpose (short-lived processes), so leak reports would be noise.
    cmd.env(
        "ASAN_OPTIONS",
        "detect_leaks=0:abort_on_error=0:exitcode=98",
    )
    .env(
        "UBSAN_OPTIONS",
        "halt_on_error=1:print_stacktrace=1:exitcode=97",
    );
    let run = run_with_deadline(cmd, limit);
    let verdict = match run.outcome {
        Outcome::Exited(0) => Verdict::Pass,
        Outcome::Exited(c) => Verdict::Fail(c),
        Outcome::Signal(s) => Verdict::Crash(s),
        Outcome::Hang => Verdict::Hang,
    };
    (verdict, run)
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
