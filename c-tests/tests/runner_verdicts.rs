//! The runner itself: a hang is reported as HANG and its process group is killed,
//! a signal as CRASH, a non-zero exit as FAIL with the program's file:line message.

mod runner;
use forklu_testkit::{Outcome, run_with_deadline};
use runner::{Case, Verdict, run};
use std::time::Duration;

fn case(mode: &str) -> Case {
    Case {
        name: mode.to_string(),
        program: "selftest_verdicts".into(),
        args: vec![mode.into()],
        limit: Duration::from_millis(700),
    }
}

#[test]
fn verdicts_for_hang_crash_fail_pass() {
    let (v, _, took) = run(&case("hang"));
    assert_eq!(v, Verdict::Hang);
    assert!(took < Duration::from_secs(5));
    let (v, _, _) = run(&case("crash"));
    assert_eq!(v, Verdict::Crash(libc::SIGSEGV));
    let (v, err, _) = run(&case("fail"));
    assert_eq!(v, Verdict::Fail(3));
    assert!(
        err.contains("selftest_verdicts.c:"),
        "file:line missing in {err:?}"
    );
    assert_eq!(run(&case("pass")).0, Verdict::Pass);
}

#[test]
fn a_hung_programs_children_are_killed_too() {
    let (v, _, _) = run(&case("hang"));
    assert_eq!(v, Verdict::Hang);
    std::thread::sleep(Duration::from_millis(100));
    let left = run_with_deadline(
        std::process::Command::new("pgrep").args(["-f", "selftest_verdicts hang"]),
        Duration::from_secs(30),
    );
    // pgrep exits 1 when it finds no process, 0 when it finds some, 2 or 3 on errors.
    assert_eq!(
        left.outcome,
        Outcome::Exited(1),
        "stray processes: {}{}",
        left.stdout,
        left.stderr
    );
}
