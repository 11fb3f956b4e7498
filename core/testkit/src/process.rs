//! Supervised processes and deadlines: a hang is a failure, never a stall.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Writes a line to stderr without std's locks or buffers (safe in a fork child).
pub fn say(msg: &str) {
    // SAFETY: writing a valid buffer to fd 2.
    unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
}

/// Reports that `test` checked nothing because `reason` (an ISA the host lacks, say).
/// Written to the process's stderr directly, past the test harness's capture, as
/// `SKIP <test>: <reason>` in one write, so the test command can count it even where
/// it lands inside a line the harness is printing.
pub fn skip(test: &str, reason: &str) {
    say(&format!("SKIP {test}: {reason}\n"));
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

/// What a command run by [`run_with_deadline`] did.
#[derive(Debug)]
pub struct Run {
    pub outcome: Outcome,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs `cmd` (stdin closed, stdout and stderr captured) in a process group of its own
/// under a watchdog: past `limit` the whole group is killed and the outcome is
/// [`Outcome::Hang`]. Whatever the group still holds when the command ends (a child
/// that outlived it) is killed too.
pub fn run_with_deadline(cmd: &mut Command, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
    let pid = child.id() as libc::pid_t;
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let outcome = loop {
        if let Some(status) = child.try_wait().expect("wait for a child") {
            break match (status.code(), status.signal()) {
                (Some(c), _) => Outcome::Exited(c),
                (None, Some(s)) => Outcome::Signal(s),
                _ => Outcome::Exited(-1),
            };
        }
        if start.elapsed() > limit {
            // SAFETY: signalling the process group the child leads.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            let _ = child.wait();
            break Outcome::Hang;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // SAFETY: as above; the group may be empty already.
    unsafe { libc::kill(-pid, libc::SIGKILL) };
    Run {
        outcome,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        took: start.elapsed(),
    }
}

/// Runs a tool (a compiler, `nm`, `strip`, a nested cargo) under the watchdog and fails
/// the test, naming `what` and showing the tool's stderr, unless it exits 0 in time.
pub fn tool(what: &str, cmd: &mut Command, limit: Duration) -> Run {
    let run = run_with_deadline(cmd, limit);
    assert!(
        run.outcome == Outcome::Exited(0),
        "{what}: {:?} after {:.1?}\n{}",
        run.outcome,
        run.took,
        run.stderr
    );
    run
}

/// Calls `work` until `counter()` exceeds the value it had before the first call, or
/// until `limit` passes. Returns the number of calls that took, or `None` on expiry.
/// For a counter that a call may raise but is not bound to (a worker thread can be
/// too late to take any task of one call on a busy machine).
pub fn until_rises(
    counter: impl Fn() -> u64,
    limit: Duration,
    mut work: impl FnMut(),
) -> Option<u32> {
    let start = Instant::now();
    let before = counter();
    let mut calls = 0;
    loop {
        work();
        calls += 1;
        if counter() > before {
            return Some(calls);
        }
        if start.elapsed() > limit {
            return None;
        }
    }
}

/// Names an allocator defines: a program or library that references none of them
/// cannot allocate through the C library or Rust's global allocator.
pub const ALLOCATOR_SYMBOLS: [&str; 11] = [
    "malloc",
    "calloc",
    "realloc",
    "free",
    "posix_memalign",
    "aligned_alloc",
    "memalign",
    "__rust_alloc",
    "__rust_alloc_zeroed",
    "__rust_realloc",
    "__rust_dealloc",
];

/// The symbols an object, archive or executable references but does not define, from
/// `nm -u` (its exit status checked), without version suffixes (`malloc@GLIBC_2.2.5`
/// is `malloc`).
pub fn undefined_symbols(file: &std::path::Path) -> Vec<String> {
    let nm = tool(
        &format!("nm -u {}", file.display()),
        Command::new("nm").arg("-u").arg(file),
        Duration::from_secs(60),
    );
    nm.stdout
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .filter(|w| !w.ends_with(':'))
        .map(|w| w.split('@').next().unwrap_or(w).to_string())
        .collect()
}

/// The thread counts the fork scenarios (Rust and C) run with: `FORKLU_TEST_THREADS`, a
/// comma-separated list the test command sets per kernel pass, else 1, 2, 4 and 8 (more
/// threads than a 2-core machine has, on purpose).
pub fn fork_thread_counts() -> Vec<usize> {
    match std::env::var("FORKLU_TEST_THREADS") {
        Ok(list) => list
            .split(',')
            .map(|t| match t.trim().parse() {
                Ok(n) if n >= 1 => n,
                _ => panic!("FORKLU_TEST_THREADS={list:?}: not a list of counts >= 1"),
            })
            .collect(),
        Err(_) => vec![1, 2, 4, 8],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_aborts_a_hang_and_passes_a_result() {
        assert_eq!(deadline("quick", Duration::from_secs(10), || 5), 5);
        let pid = fork_child(|| {
            // The watchdog's DEADLINE line is expected here: keep it out of the test log.
            // SAFETY: redirecting this child's own stderr to /dev/null.
            unsafe {
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
                libc::dup2(null, 2);
            }
            deadline("stuck on purpose", Duration::from_millis(100), || {
                std::thread::sleep(Duration::from_secs(30))
            });
            true
        });
        let out = wait_with_deadline(pid, Duration::from_secs(10));
        assert_eq!(out, Outcome::Signal(libc::SIGABRT));
    }

    #[test]
    fn the_watchdog_tells_a_hang_from_an_exit_and_a_signal() {
        let limit = Duration::from_millis(300);
        let hang = run_with_deadline(Command::new("sleep").arg("30"), limit);
        assert_eq!(hang.outcome, Outcome::Hang);
        assert!(hang.took < Duration::from_secs(5));
        let sh = |script: &str| run_with_deadline(Command::new("sh").args(["-c", script]), limit);
        let exit = sh("echo out; echo err >&2; exit 3");
        assert_eq!(exit.outcome, Outcome::Exited(3));
        assert_eq!(
            (exit.stdout.as_str(), exit.stderr.as_str()),
            ("out\n", "err\n")
        );
        assert_eq!(sh("kill -9 $$").outcome, Outcome::Signal(9));
    }

    #[test]
    #[should_panic(expected = "a failing tool: Exited(1)")]
    fn a_tool_that_fails_fails_the_test() {
        tool(
            "a failing tool",
            &mut Command::new("false"),
            Duration::from_secs(10),
        );
    }

    #[test]
    fn undefined_symbols_drop_versions() {
        // This test binary allocates through the C library's malloc.
        let undefined = undefined_symbols(&std::env::current_exe().unwrap());
        assert!(undefined.iter().any(|s| s == "malloc"), "{undefined:?}");
    }

    #[test]
    fn a_counter_that_never_rises_expires() {
        let limit = Duration::from_millis(50);
        assert_eq!(until_rises(|| 7, limit, || {}), None);
        let n = std::cell::Cell::new(0);
        assert_eq!(
            until_rises(|| n.get(), limit, || n.set(n.get() + 1)),
            Some(1)
        );
    }
}
