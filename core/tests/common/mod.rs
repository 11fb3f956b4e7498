//! Helpers of the outside-view tests that call forklu; matrices, residuals and
//! supervised forks come from `forklu-testkit`.
#![allow(dead_code)]

use forklu::{MatMut, lapack};
pub use forklu_testkit::*;
use std::time::Duration;

/// How long a process may run parallel-sized calls without its workers running a task
/// before [`workers_take_part`] fails.
pub const WORKER_LIMIT: Duration = Duration::from_secs(20);

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
    let r = lu_residual(a0, &lu, m, n, lda, &ipiv);
    assert!(r < 20.0, "residual {r} for {m}x{n}");
    (lu, ipiv)
}

/// True when two factorizations agree bit for bit, pivots included.
pub fn same_factors(a: &(Vec<f64>, Vec<i32>), b: &(Vec<f64>, Vec<i32>)) -> bool {
    a.1 == b.1 && same_bits(&a.0, &b.0)
}

/// This process's worker threads take part in its parallel calls: the bits cannot show
/// it, since they are the same for any thread count, so a silent serial fallback would
/// pass every comparison. With more than one thread, 300 x 300 factorizations run until
/// `worker_tasks` rises (on 2 cores a caller can drain a whole call before a worker
/// wakes, so one call proves nothing); only [`WORKER_LIMIT`] without a rise fails. With
/// one thread, a call must leave the count alone. False, with a line on stderr naming
/// `who` (a fork child's panic message could be lost), when the check fails.
pub fn workers_take_part(who: &str) -> bool {
    let threads = forklu::num_threads();
    let a = random_matrix(300, 300, 300, 77);
    let call = || {
        factor(&a, 300, 300, 300);
    };
    let tasks = forklu::unstable::worker_tasks;
    let before = tasks();
    let ok = if threads > 1 {
        until_rises(tasks, WORKER_LIMIT, call).is_some()
    } else {
        call();
        tasks() == before
    };
    if !ok {
        let why = if threads > 1 {
            format!("no worker ran a task for {WORKER_LIMIT:?}")
        } else {
            "a serial call was counted as workers' tasks".to_string()
        };
        say(&format!(
            "{who}: {threads} threads, worker tasks {before} -> {}: {why}\n",
            tasks()
        ));
    }
    ok
}
