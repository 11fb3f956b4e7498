//! Proves DESIGN rule 1 from outside: a `#![no_std]` staticlib using forklu links
//! with no `#[global_allocator]`, and the C program built from it references no
//! allocator symbol, with and without the `threads` feature.

use std::path::Path;
use std::process::Command;

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
    let out = cmd.output().expect("run cargo");
    assert!(
        out.status.success(),
        "probe staticlib failed to build:\n{}",
        String::from_utf8_lossy(&out.stderr)
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
    let out = link.output().expect("run cc");
    assert!(
        out.status.success(),
        "linking the probe failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let nm = Command::new("nm")
        .arg("-u")
        .arg(&exe)
        .output()
        .expect("run nm");
    let undefined = String::from_utf8_lossy(&nm.stdout);
    for sym in [
        "malloc",
        "calloc",
        "realloc",
        "free",
        "posix_memalign",
        "__rust_alloc",
        "__rust_dealloc",
    ] {
        assert!(
            !undefined
                .lines()
                .any(|l| l.split_whitespace().last() == Some(sym)),
            "{tag}: the probe references {sym}:\n{undefined}"
        );
    }
    let run = Command::new(&exe).output().expect("run probe");
    assert!(
        run.status.success(),
        "{tag}: probe failed: {}",
        String::from_utf8_lossy(&run.stdout)
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
