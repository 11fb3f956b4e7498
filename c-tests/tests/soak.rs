//! The fork soak (`c/soak.c`): a short run in the test command, the full 10,000 forks
//! on request: `cargo test -p forklu-c-tests --test soak -- --ignored --nocapture`
//! (`FORKLU_SOAK_FORKS` sets the count).

mod runner;
use runner::{Case, run_all};
use std::time::Duration;

#[test]
fn short_soak() {
    run_all(
        "soak",
        &[Case {
            name: "soak (300 forks)".into(),
            program: "soak".into(),
            args: vec!["300".into()],
            limit: Duration::from_secs(120),
        }],
    );
}

#[test]
#[ignore = "minutes long: run on request"]
fn full_soak() {
    let forks = std::env::var("FORKLU_SOAK_FORKS").unwrap_or_else(|_| "10000".into());
    let out = std::process::Command::new(runner::bin_dir().join("soak"))
        .arg(&forks)
        .output()
        .expect("run soak");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "soak failed: {}", out.status);
}
