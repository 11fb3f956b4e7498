//! Helpers shared by the outside-view tests: matrices, residuals, and a supervised
//! fork that turns a hang into a failure.
#![allow(dead_code)]

use forklu::{MatMut, lapack};
use std::time::{Duration, Instant};

/// Deterministic uniform values in [-1, 1), column-major with leading dimension `lda`;
/// padding rows hold a NaN pattern so a stray read or write shows.
pub fn random_matrix(m: usize, n: usize, lda: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut a = vec![f64::from_bits(0x7FF8_DEAD_BEEF_0000); lda * n.max(1)];
    for j in 0..n {
        for i in 0..m {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            a[i + j * lda] = (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
        }
    }
    a
}

/// Factors a copy of `a0` and returns (factors, pivots, info as LAPACK reports it).
pub fn factor(a0: &[f64], m: usize, n: usize, lda: usize) -> (Vec<f64>, Vec<i32>, i64) {
    let mut a = a0.to_vec();
    let mut ipiv = vec![0i32; m.min(n)];
    let info = match lapack::getrf(MatMut::col_major(&mut a, m, n, lda).unwrap(), &mut ipiv) {
        Ok(()) => 0,
        Err(forklu::Error::Singular(i)) => i as i64,
        Err(e) => panic!("getrf failed: {e:?}"),
    };
    (a, ipiv, info)
}

/// `||P A - L U||_1 / (||A||_1 max(m, n) eps)`.
pub fn residual(a0: &[f64], lu: &[f64], m: usize, n: usize, lda: usize, ipiv: &[i32]) -> f64 {
    let k = m.min(n);
    let mut pa: Vec<f64> = (0..m * n).map(|x| a0[x % m + (x / m) * lda]).collect();
    for (i, &p) in ipiv.iter().enumerate() {
        let r = p as usize - 1;
        for j in 0..n {
            pa.swap(i + j * m, r + j * m);
        }
    }
    let (mut worst, mut anorm): (f64, f64) = (0.0, 0.0);
    for j in 0..n {
        let (mut col, mut acol) = (0.0, 0.0);
        for i in 0..m {
            let mut s = 0.0;
            for p in 0..k.min(i + 1).min(j + 1) {
                let l = if p == i { 1.0 } else { lu[i + p * lda] };
                s += l * lu[p + j * lda];
            }
            col += (pa[i + j * m] - s).abs();
            acol += a0[i + j * lda].abs();
        }
        worst = worst.max(col);
        anorm = anorm.max(acol);
    }
    worst / (anorm * m.max(n) as f64 * f64::EPSILON)
}

/// Factors and checks info, pivot range and residual; returns the factors and pivots.
pub fn factor_checked(a0: &[f64], m: usize, n: usize, lda: usize) -> (Vec<f64>, Vec<i32>) {
    let (lu, ipiv, info) = factor(a0, m, n, lda);
    assert_eq!(info, 0, "info for {m}x{n}");
    for (i, &p) in ipiv.iter().enumerate() {
        assert!(
            p as usize > i && p as usize <= m,
            "ipiv[{i}] = {p} for {m}x{n}"
        );
    }
    let r = residual(a0, &lu, m, n, lda, &ipiv);
    assert!(r < 20.0, "residual {r} for {m}x{n}");
    (lu, ipiv)
}

/// True when two factorizations agree bit for bit.
pub fn same_bits(a: &(Vec<f64>, Vec<i32>), b: &(Vec<f64>, Vec<i32>)) -> bool {
    a.1 == b.1
        && a.0.len() == b.0.len()
        && a.0
            .iter()
            .zip(&b.0)
            .all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Writes a line to stderr without std's locks (safe in a fork child).
pub fn say(msg: &str) {
    // SAFETY: writing a valid buffer to fd 2.
    unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
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
