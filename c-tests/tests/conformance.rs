//! forklu's exported routines against Debian's reference LAPACK 3.11: c/conformance.c in
//! double precision, and the c/conformance_*.c programs, one per concept, each in every
//! precision (s, d, c, z). Those print `<program> <p>: N checks, F failures` per
//! precision; the test checks that every program printed a line with checks for every
//! precision, and writes the lines and their totals (`conformance z: N checks, F
//! failures`) past the harness's capture, so the test command's log shows them.

mod runner;
use forklu_testkit::say;
use runner::{Case, PRECISIONS, Verdict, run_all, run_with_stdout};
use std::time::Duration;

/// The programs generic over the precision, one per concept.
const PRECISION_PROGRAMS: [&str; 6] = [
    "conformance_getrf",
    "conformance_solve",
    "conformance_getri",
    "conformance_nan_inf",
    "conformance_bad_args",
    "conformance_names",
];

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

/// `(checks, failures)` from a line `<program> <p>: N checks, F failures`.
fn counts(line: &str, program: &str, precision: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix(&format!("{program} {precision}: "))?;
    let (checks, failures) = rest.split_once(" checks, ")?;
    let failures = failures.strip_suffix(" failures")?;
    Some((checks.parse().ok()?, failures.parse().ok()?))
}

#[test]
fn every_precision_agrees_with_reference_lapack() {
    let mut totals = [(0u64, 0u64); 4];
    let mut bad = Vec::new();
    for program in PRECISION_PROGRAMS {
        let case = Case {
            name: program.into(),
            program: program.into(),
            args: vec![],
            limit: Duration::from_secs(120),
        };
        let (verdict, stdout, stderr, took) = run_with_stdout(&case);
        say(&format!(
            "{:<28} {program:<40} {:>7.2}s\n",
            format!("{verdict:?}"),
            took.as_secs_f64()
        ));
        for (p, precision) in PRECISIONS.iter().enumerate() {
            match stdout.lines().find_map(|l| counts(l, program, precision)) {
                Some((checks, failures)) => {
                    say(&format!(
                        "    {program} {precision}: {checks} checks, {failures} failures\n"
                    ));
                    totals[p].0 += checks;
                    totals[p].1 += failures;
                    if checks == 0 || failures > 0 {
                        bad.push(format!("{program} {precision}"));
                    }
                }
                None => bad.push(format!("{program} {precision}: no count line")),
            }
        }
        if verdict != Verdict::Pass {
            for line in stderr.lines().take(20) {
                say(&format!("    {line}\n"));
            }
            bad.push(format!("{program}: {verdict:?}"));
        }
    }
    for (precision, (checks, failures)) in PRECISIONS.iter().zip(totals) {
        say(&format!(
            "conformance {precision}: {checks} checks, {failures} failures\n"
        ));
    }
    assert!(bad.is_empty(), "conformance in every precision: {bad:?}");
}
