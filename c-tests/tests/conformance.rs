//! forklu's exported routines against Debian's reference LAPACK 3.11 (c/conformance.c).

mod runner;
use runner::{Case, run_all};
use std::time::Duration;

#[test]
fn agrees_with_reference_lapack() {
    let case = Case {
        name: "conformance vs reference LAPACK".into(),
        program: "conformance".into(),
        args: vec![],
        limit: Duration::from_secs(120),
    };
    run_all("conformance", &[case]);
}
