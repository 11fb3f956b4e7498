//! Proves DESIGN rule 1 from outside: a `#![no_std]` staticlib using forklu links
//! with no `#[global_allocator]`, and the C program built from it references no
//! allocator symbol, with and without the `threads` feature. Every tool and the probe
//! itself run under a watchdog (the probe's panic handler is `loop {}`).

use forklu_testkit::{ALLOCATOR_SYMBOLS, Outcome, run_with_deadline, tool, undefined_symbols};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn build_and_run(features: &[&str], tag: &str) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no_alloc");
    let target = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/no-alloc-probe")
        .join(tag);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&here)
        .args(["build", "--release", "--quiet", "--target-dir"])
        .arg(&target);
    for f in features {
        cmd.args(["--features", f]);
    }
    tool(
        &format!("{tag}: building the probe staticlib"),
        &mut cmd,
        Duration::from_secs(600),
    );

    let lib = target.join("release/libforklu_no_alloc_probe.a");
    let exe = target.join("probe");
    let mut link = Command::new("cc");
    // --gc-sections drops libcore's unwind tables, which name `rust_eh_personality`.
    link.arg(here.join("probe.c"))
        .arg(&lib)
        .arg("-Wl,--gc-sections")
        .arg("-o")
        .arg(&exe);
    if !features.is_empty() {
        link.args(["-lpthread", "-lc"]);
    }
    tool(
        &format!("{tag}: linking the probe"),
        &mut link,
        Duration::from_secs(120),
    );

    let undefined = undefined_symbols(&exe);
    // What the program must reference (probe.c prints; threads need pthread_create):
    // proof that the listing is the program's, not an empty one.
    let expected: &[&str] = if features.is_empty() {
        &["printf"]
    } else {
        &["printf", "pthread_create"]
    };
    for sym in expected {
        assert!(
            undefined.iter().any(|s| s == sym),
            "{tag}: nm -u does not list {sym}: {undefined:?}"
        );
    }
    for sym in ALLOCATOR_SYMBOLS {
        assert!(
            !undefined.iter().any(|s| s == sym),
            "{tag}: the probe references {sym}: {undefined:?}"
        );
    }
    let run = run_with_deadline(&mut Command::new(&exe), Duration::from_secs(60));
    assert_eq!(
        run.outcome,
        Outcome::Exited(0),
        "{tag}: probe: {}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn links_without_allocator_bare() {
    build_and_run(&[], "bare");
}

#[test]
fn links_without_allocator_threads() {
    build_and_run(&["threads"], "threads");
}
