//! The runner itself: a hang is reported as HANG and its process group is killed,
//! a signal as CRASH, a non-zero exit as FAIL with the program's file:line message.

mod runner;
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
    let left = std::process::Command::new("pgrep")
        .args(["-f", "selftest_verdicts hang"])
        .output()
        .unwrap();
    assert!(
        left.stdout.is_empty(),
        "stray processes: {}",
        String::from_utf8_lossy(&left.stdout)
    );
}
