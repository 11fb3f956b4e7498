//! Every C program of the suite under AddressSanitizer + UndefinedBehaviorSanitizer,
//! and under valgrind's memcheck the seed case, the conformance program (d) and every
//! name set in the other precisions (conformance_names s, c and z): any invalid access,
//! leak of definedness or undefined behaviour fails the run.

mod runner;
use forklu_testkit::tool;
use runner::{Verdict, bin_dir, run_command};
use std::process::Command;
use std::time::Duration;

/// Environment variables set for one run.
type Env = Vec<(&'static str, &'static str)>;

/// How each C program of the suite runs under the sanitizers: its arguments and
/// environment. `None` for a program this table does not know, which fails the test:
/// every program in `c/` must run sanitized.
fn sanitized_run(program: &str) -> Option<(Vec<String>, Env)> {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Some(match program {
        p if p.starts_with("fork_") || p.starts_with("precision_fork_") => (args(&["4"]), vec![]),
        p if p.starts_with("conformance_") => (args(&[]), vec![]),
        "bad_pivots" | "conformance" | "every_symbol" | "fuzz_findings" | "kernel_bits"
        | "no_malloc" | "null_args" | "seed_shared" | "thread_control" => (args(&[]), vec![]),
        // The thread count FORKLU_NUM_THREADS gives, and a fork child re-reading it.
        "env_threads" => (args(&["3", "2"]), vec![("FORKLU_NUM_THREADS", "3")]),
        "scipy_shim" => (
            vec![
                libdir()
                    .join("libforklu_scipy.so")
                    .to_string_lossy()
                    .into_owned(),
            ],
            vec![],
        ),
        "selftest_verdicts" => (args(&["pass"]), vec![]),
        "soak" => (args(&["40"]), vec![]),
        _ => return None,
    })
}

fn libdir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("FORKLU_LIBDIR"))
}

/// The stems of `dir`'s entries (with `ext`, if given).
fn names(dir: &std::path::Path, ext: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_c_program_runs_clean_under_asan_and_ubsan() {
    let sources = names(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("c"),
        Some("c"),
    );
    let built = names(&bin_dir().join("asan"), None);
    assert_eq!(
        built, sources,
        "the sanitized builds in bin/asan are not exactly the programs in c/"
    );
    let unknown: Vec<&String> = sources
        .iter()
        .filter(|p| sanitized_run(p).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "no sanitizer run for {unknown:?}: add them to sanitized_run"
    );
    let mut bad = Vec::new();
    for p in &sources {
        let (args, env) = sanitized_run(p).unwrap();
        let mut cmd = Command::new(bin_dir().join("asan").join(p));
        cmd.args(&args).envs(env);
        let (verdict, stderr, took) = run_command(&mut cmd, Duration::from_secs(180));
        println!(
            "{:<28} asan+ubsan {p:<30} {:>7.2}s",
            format!("{verdict:?}"),
            took.as_secs_f64()
        );
        if verdict != Verdict::Pass {
            for line in stderr.lines().take(20) {
                println!("    {line}");
            }
            bad.push(p.clone());
        }
    }
    println!(
        "sanitizers: {} passed, {} failed",
        sources.len() - bad.len(),
        bad.len()
    );
    assert!(bad.is_empty(), "not clean under ASan + UBSan: {bad:?}");
}

#[test]
fn seed_case_and_conformance_run_clean_under_valgrind() {
    tool(
        "valgrind --version (run c-tests/setup-deps.sh if it is missing)",
        Command::new("valgrind").arg("--version"),
        Duration::from_secs(30),
    );
    for (program, args) in [
        ("fork_seed", vec!["4"]),
        ("conformance", vec![]),
        ("conformance_names", vec!["scz"]),
    ] {
        let mut cmd = Command::new("valgrind");
        cmd.args(["-q", "--error-exitcode=99", "--trace-children=no"])
            .arg(bin_dir().join(program))
            .args(&args);
        let (verdict, stderr, _) = run_command(&mut cmd, Duration::from_secs(300));
        println!("{:<28} valgrind {program}", format!("{verdict:?}"));
        assert_eq!(verdict, Verdict::Pass, "valgrind {program}:\n{stderr}");
    }
}
