//! The fork soak (`c/soak.c`): a short run in the test command, the full 10,000 forks
//! on request: `cargo test -p forklu-c-tests --test soak -- --ignored --nocapture`
//! (`FORKLU_SOAK_FORKS` sets the count).

mod runner;
use runner::{Case, Verdict, run_all};
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

/// Under the same watchdog as every other program (a hang fails, it is not skipped),
/// with the soak's summary line printed.
#[test]
#[ignore = "minutes long: run on request"]
fn full_soak() {
    let forks = std::env::var("FORKLU_SOAK_FORKS").unwrap_or_else(|_| "10000".into());
    let case = Case {
        name: format!("soak ({forks} forks)"),
        program: "soak".into(),
        args: vec![forks],
        limit: Duration::from_secs(30 * 60),
    };
    let (verdict, stderr, took) = runner::run(&case);
    eprint!("{stderr}");
    assert_eq!(verdict, Verdict::Pass, "{} after {took:?}", case.name);
}
