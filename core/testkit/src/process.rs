//! Supervised processes and deadlines: a hang is a failure, never a stall.

use std::io::Write;
use std::time::{Duration, Instant};

/// Writes a line to stderr without std's locks or buffers (safe in a fork child).
pub fn say(msg: &str) {
    // SAFETY: writing a valid buffer to fd 2.
    unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
}

/// Reports that `test` checked nothing because `reason` (an ISA the host lacks, say).
/// Written to the process's stderr directly, past the test harness's capture, as
/// `SKIP <test>: <reason>`, so the test command can count it.
pub fn skip(test: &str, reason: &str) {
    let _ = writeln!(std::io::stderr(), "SKIP {test}: {reason}");
}

/// How a supervised process ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Exited(i32),
    Signal(i32),
    Hang,
}

/// Waits for `pid` until `limit`; kills it (and its process group) on expiry.
pub fn wait_with_deadline(pid: libc::pid_t, limit: Duration) -> Outcome {
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: `status` is a valid out-pointer; WNOHANG never blocks.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            return if libc::WIFEXITED(status) {
                Outcome::Exited(libc::WEXITSTATUS(status))
            } else {
                Outcome::Signal(libc::WTERMSIG(status))
            };
        }
        if start.elapsed() > limit {
            // SAFETY: signalling our own child (and the group it leads).
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return Outcome::Hang;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Runs `body` in a forked child with its own process group and fails the test
/// with `name` if it hangs past `limit`, crashes, or returns false.
pub fn supervise(name: &str, limit: Duration, body: impl FnOnce() -> bool) {
    // SAFETY: fork has no preconditions; the child only runs `body` and `_exit`s.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // SAFETY: making the child a group leader so a hang kills its descendants too.
        unsafe { libc::setpgid(0, 0) };
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(false);
        // SAFETY: leaving the child without running the parent's atexit handlers.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    match wait_with_deadline(pid, limit) {
        Outcome::Exited(0) => {}
        Outcome::Hang => panic!("{name}: HANG (killed after {limit:?})"),
        other => panic!("{name}: FAIL ({other:?})"),
    }
}

/// Forks; the child runs `child` and `_exit`s with its verdict. Returns the pid.
pub fn fork_child(child: impl FnOnce() -> bool) -> libc::pid_t {
    // SAFETY: fork has no preconditions; the child only runs `child` and `_exit`s.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(child)).unwrap_or(false);
        // SAFETY: as in `supervise`.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    pid
}

/// Waits for a child from `fork_child`; true if it exited 0 within `limit`.
pub fn child_ok(pid: libc::pid_t, limit: Duration) -> bool {
    let out = wait_with_deadline(pid, limit);
    if out != Outcome::Exited(0) {
        say(&format!("child {pid}: {out:?}\n"));
    }
    out == Outcome::Exited(0)
}

/// Runs `body` on this thread under a watchdog: if it has not returned after `limit`,
/// the watchdog prints `DEADLINE <name>` and aborts the process, so an in-process hang
/// fails the test binary instead of stalling it.
pub fn deadline<R>(name: &str, limit: Duration, body: impl FnOnce() -> R) -> R {
    let (done, watch) = std::sync::mpsc::channel::<()>();
    let label = name.to_string();
    let dog = std::thread::spawn(move || {
        if watch.recv_timeout(limit) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            say(&format!(
                "DEADLINE {label}: still running after {limit:?}, aborting\n"
            ));
            std::process::abort();
        }
    });
    let out = body();
    let _ = done.send(());
    let _ = dog.join();
    out
}
