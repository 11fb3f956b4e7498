//! The C side under AddressSanitizer + UndefinedBehaviorSanitizer, and the seed case
//! and the conformance program under valgrind's memcheck: any invalid access, leak of
//! definedness or undefined behaviour fails the run.

mod runner;
use forklu_testkit::tool;
use runner::{Case, Verdict, bin_dir, run_all, run_command};
use std::process::Command;
use std::time::Duration;

#[test]
fn c_programs_run_clean_under_asan_and_ubsan() {
    // Whatever build.rs compiled with the sanitizers (its SANITIZED list).
    let mut programs: Vec<String> = std::fs::read_dir(bin_dir().join("asan"))
        .expect("bin/asan")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    programs.sort();
    assert!(
        programs.len() >= 5,
        "only {programs:?} were built with the sanitizers"
    );
    let cases: Vec<Case> = programs
        .iter()
        .map(|p| Case {
            name: format!("asan+ubsan {p}"),
            program: format!("asan/{p}"),
            args: vec!["4".into()],
            limit: Duration::from_secs(180),
        })
        .collect();
    run_all("sanitizers", &cases);
}

#[test]
fn seed_case_and_conformance_run_clean_under_valgrind() {
    tool(
        "valgrind --version (run c-tests/setup-deps.sh if it is missing)",
        Command::new("valgrind").arg("--version"),
        Duration::from_secs(30),
    );
    for (program, args) in [("fork_seed", vec!["4"]), ("conformance", vec![])] {
        let mut cmd = Command::new("valgrind");
        cmd.args(["-q", "--error-exitcode=99", "--trace-children=no"])
            .arg(bin_dir().join(program))
            .args(&args);
        let (verdict, stderr, _) = run_command(&mut cmd, Duration::from_secs(300));
        println!("{:<28} valgrind {program}", format!("{verdict:?}"));
        assert_eq!(verdict, Verdict::Pass, "valgrind {program}:\n{stderr}");
    }
}
