//! The fuzz targets' findings (`ffi/fuzz/regressions`) replayed through the C ABI
//! (`c/fuzz_findings.c`): against the release library, as users link it, and against
//! a debug build of it, whose overflow checks turn the arithmetic those inputs once
//! overflowed into a panic (the panic handler aborts: a CRASH verdict), where the
//! release build's wrapping arithmetic could pass unnoticed.

mod runner;
use forklu_testkit::tool;
use runner::{Case, run_all};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[test]
fn fuzz_findings_replayed_against_the_release_library() {
    run_all(
        "fuzz findings",
        &[Case {
            name: "fuzz_findings (release libforklu.a)".into(),
            program: "fuzz_findings".into(),
            args: vec![],
            limit: Duration::from_secs(60),
        }],
    );
}

#[test]
fn fuzz_findings_replayed_against_an_overflow_checked_library() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.join("..");
    let target = root.join("target/c-tests-checked-lib");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The dev profile: overflow checks and debug assertions on, panic = "abort".
    tool(
        "cargo build -p forklu-ffi (dev profile)",
        Command::new(cargo)
            .current_dir(&root)
            .args(["build", "--quiet", "-p", "forklu-ffi", "--target-dir"])
            .arg(&target)
            // Overflow checks need no debug info: a quicker build.
            .env("CARGO_PROFILE_DEV_DEBUG", "false")
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
        Duration::from_secs(600),
    );
    let exe = target.join("fuzz_findings_checked");
    tool(
        "cc fuzz_findings.c against the checked library",
        Command::new("cc")
            .args(["-std=c11", "-O2", "-g", "-D_GNU_SOURCE", "-pthread"])
            .arg("-I")
            .arg(root.join("include"))
            .arg("-I")
            .arg(here.join("c"))
            .arg(here.join("c/fuzz_findings.c"))
            .arg(target.join("debug/libforklu.a"))
            .args(["-lm", "-ldl", "-o"])
            .arg(&exe),
        Duration::from_secs(120),
    );
    run_all(
        "fuzz findings",
        &[Case {
            name: "fuzz_findings (overflow-checked libforklu.a)".into(),
            program: exe.to_string_lossy().into_owned(),
            args: vec![],
            limit: Duration::from_secs(120),
        }],
    );
}
