//! Fork scenarios (DESIGN rules 3 and 4), each in a supervised process so a hang
//! fails the test instead of stalling it. Regression for the OpenBLAS 0.3.30
//! parent-after-fork deadlock (OpenBLAS issue 5520, fixed upstream by PR 5556):
//! factor, fork, child exits, factor again in the parent.

mod common;
use common::*;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const CHILD_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn parent_factors_again_after_child_exits() {
    for threads in [1, 2, 4, 8] {
        supervise(
            &format!("parent after fork, {threads} threads"),
            LIMIT,
            || {
                forklu::set_num_threads(threads);
                let a = random_matrix(216, 216, 216, 1);
                let before = factor_checked(&a, 216, 216, 216);
                let child = fork_child(|| true);
                let reaped = child_ok(child, CHILD_LIMIT);
                let after = factor_checked(&a, 216, 216, 216);
                reaped && same_factors(&before, &after)
            },
        );
    }
}

#[test]
fn seed_case_no_call_before_fork() {
    supervise("seed: fork before any call", LIMIT, || {
        forklu::set_num_threads(8);
        let child = fork_child(|| true);
        let a = random_matrix(200, 200, 200, 2);
        let first = factor_checked(&a, 200, 200, 200);
        child_ok(child, CHILD_LIMIT) && same_factors(&first, &factor_checked(&a, 200, 200, 200))
    });
}

#[test]
fn child_factors_with_threads_and_matches_parent() {
    supervise("child factors with threads", LIMIT, || {
        forklu::set_num_threads(4);
        let a = random_matrix(400, 400, 400, 3);
        let parent = factor_checked(&a, 400, 400, 400);
        let child = fork_child(|| same_factors(&parent, &factor_checked(&a, 400, 400, 400)));
        let ok = child_ok(child, CHILD_LIMIT);
        ok && same_factors(&parent, &factor_checked(&a, 400, 400, 400))
    });
}

#[test]
fn grandchild_factors_at_every_level() {
    supervise("grandchild", LIMIT, || {
        forklu::set_num_threads(4);
        let a = random_matrix(256, 256, 256, 4);
        let top = factor_checked(&a, 256, 256, 256);
        let child = fork_child(|| {
            let mine = factor_checked(&a, 256, 256, 256);
            let grandchild = fork_child(|| same_factors(&top, &factor_checked(&a, 256, 256, 256)));
            child_ok(grandchild, CHILD_LIMIT)
                && same_factors(&top, &mine)
                && same_factors(&top, &factor_checked(&a, 256, 256, 256))
        });
        child_ok(child, CHILD_LIMIT) && same_factors(&top, &factor_checked(&a, 256, 256, 256))
    });
}

#[test]
fn fork_while_another_thread_is_inside_getrf() {
    supervise("fork during a large getrf", LIMIT, || {
        forklu::set_num_threads(4);
        let big = random_matrix(900, 900, 900, 5);
        let small = random_matrix(300, 300, 300, 6);
        let small_ref = factor_checked(&small, 300, 300, 300);
        let worker = std::thread::spawn(move || {
            let r = factor_checked(&big, 900, 900, 900);
            (big, r)
        });
        std::thread::sleep(Duration::from_millis(30));
        let child = fork_child(|| same_factors(&small_ref, &factor_checked(&small, 300, 300, 300)));
        let child_fine = child_ok(child, CHILD_LIMIT);
        let (big, r) = worker.join().unwrap();
        child_fine && same_factors(&r, &factor_checked(&big, 900, 900, 900))
    });
}

#[test]
fn fork_while_four_threads_factor() {
    supervise("fork during 4 concurrent callers", LIMIT, || {
        forklu::set_num_threads(4);
        let a = random_matrix(300, 300, 300, 7);
        let reference = factor_checked(&a, 300, 300, 300);
        let callers: Vec<_> = (0..4)
            .map(|_| {
                let (a, reference) = (a.clone(), reference.clone());
                std::thread::spawn(move || {
                    (0..10).all(|_| same_factors(&reference, &factor_checked(&a, 300, 300, 300)))
                })
            })
            .collect();
        let mut children_ok = true;
        for _ in 0..10 {
            let child = fork_child(|| same_factors(&reference, &factor_checked(&a, 300, 300, 300)));
            children_ok &= child_ok(child, CHILD_LIMIT);
        }
        let callers_ok = callers.into_iter().all(|h| h.join().unwrap());
        children_ok && callers_ok && forklu::unstable::lent_slots() == 0
    });
}

#[test]
fn raw_syscall_fork_skips_handlers_and_still_works() {
    supervise("syscall(SYS_fork)", LIMIT, || {
        forklu::set_num_threads(4);
        let a = random_matrix(256, 256, 256, 8);
        let before = factor_checked(&a, 256, 256, 256);
        // SAFETY: a raw fork; the child only factors and `_exit`s (no atfork handler runs).
        let pid = unsafe { libc::syscall(libc::SYS_fork) } as libc::pid_t;
        if pid == 0 {
            let ok = std::panic::catch_unwind(|| {
                same_factors(&before, &factor_checked(&a, 256, 256, 256))
            })
            .unwrap_or(false);
            // SAFETY: leave the child at once.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        child_ok(pid, CHILD_LIMIT) && same_factors(&before, &factor_checked(&a, 256, 256, 256))
    });
}

#[test]
fn fork_storm() {
    supervise("fork storm", Duration::from_secs(120), || {
        forklu::set_num_threads(4);
        let a = random_matrix(160, 160, 160, 9);
        let reference = factor_checked(&a, 160, 160, 160);
        (0..40).all(|_| {
            let child = fork_child(|| same_factors(&reference, &factor_checked(&a, 160, 160, 160)));
            let parent_same = same_factors(&reference, &factor_checked(&a, 160, 160, 160));
            child_ok(child, CHILD_LIMIT) && parent_same
        })
    });
}
