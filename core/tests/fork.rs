//! Fork scenarios (DESIGN rules 3 and 4), each in a supervised process so a hang
//! fails the test instead of stalling it, at every thread count of
//! `fork_thread_counts`. Regression for the OpenBLAS 0.3.30 parent-after-fork deadlock
//! (OpenBLAS issue 5520, fixed upstream by PR 5556): factor, fork, child exits, factor
//! again in the parent. After each fork the parent and the child show that their
//! workers still run tasks (`workers_take_part`): equal bits alone would also pass a
//! silent serial fallback.

mod common;
use common::*;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(90);
const CHILD_LIMIT: Duration = Duration::from_secs(45);

/// Runs `scenario` supervised once per thread count, with that count set.
fn at_every_thread_count(name: &str, scenario: impl Fn() -> bool) {
    for threads in fork_thread_counts() {
        supervise(&format!("{name}, {threads} threads"), LIMIT, || {
            forklu::set_num_threads(threads);
            scenario()
        });
    }
}

#[test]
fn parent_factors_again_after_child_exits() {
    at_every_thread_count("parent after fork", || {
        let a = random_matrix(216, 216, 216, 1);
        let before = factor_checked(&a, 216, 216, 216);
        let child = fork_child(|| workers_take_part("child"));
        let reaped = child_ok(child, CHILD_LIMIT);
        let after = factor_checked(&a, 216, 216, 216);
        reaped && same_factors(&before, &after) && workers_take_part("parent")
    });
}

#[test]
fn seed_case_no_call_before_fork() {
    at_every_thread_count("seed: fork before any call", || {
        let child = fork_child(|| workers_take_part("seed child"));
        let a = random_matrix(200, 200, 200, 2);
        let first = factor_checked(&a, 200, 200, 200);
        child_ok(child, CHILD_LIMIT)
            && same_factors(&first, &factor_checked(&a, 200, 200, 200))
            && workers_take_part("seed parent")
    });
}

#[test]
fn child_factors_with_threads_and_matches_parent() {
    at_every_thread_count("child factors with threads", || {
        let a = random_matrix(400, 400, 400, 3);
        let parent = factor_checked(&a, 400, 400, 400);
        let child = fork_child(|| {
            same_factors(&parent, &factor_checked(&a, 400, 400, 400)) && workers_take_part("child")
        });
        let ok = child_ok(child, CHILD_LIMIT);
        ok && same_factors(&parent, &factor_checked(&a, 400, 400, 400))
            && workers_take_part("parent")
    });
}

#[test]
fn grandchild_factors_at_every_level() {
    at_every_thread_count("grandchild", || {
        let a = random_matrix(256, 256, 256, 4);
        let top = factor_checked(&a, 256, 256, 256);
        let child = fork_child(|| {
            let mine = factor_checked(&a, 256, 256, 256);
            let grandchild = fork_child(|| {
                same_factors(&top, &factor_checked(&a, 256, 256, 256))
                    && workers_take_part("grandchild")
            });
            child_ok(grandchild, CHILD_LIMIT)
                && same_factors(&top, &mine)
                && same_factors(&top, &factor_checked(&a, 256, 256, 256))
                && workers_take_part("child")
        });
        child_ok(child, CHILD_LIMIT)
            && same_factors(&top, &factor_checked(&a, 256, 256, 256))
            && workers_take_part("parent")
    });
}

#[test]
fn fork_while_another_thread_is_inside_getrf() {
    at_every_thread_count("fork during a large getrf", || {
        let big = random_matrix(900, 900, 900, 5);
        let small = random_matrix(300, 300, 300, 6);
        let small_ref = factor_checked(&small, 300, 300, 300);
        let worker = std::thread::spawn(move || {
            let r = factor_checked(&big, 900, 900, 900);
            (big, r)
        });
        std::thread::sleep(Duration::from_millis(30));
        let child = fork_child(|| {
            same_factors(&small_ref, &factor_checked(&small, 300, 300, 300))
                && workers_take_part("child")
        });
        let child_fine = child_ok(child, CHILD_LIMIT);
        let (big, r) = worker.join().unwrap();
        child_fine
            && same_factors(&r, &factor_checked(&big, 900, 900, 900))
            && workers_take_part("parent")
    });
}

#[test]
fn fork_while_four_threads_factor() {
    at_every_thread_count("fork during 4 concurrent callers", || {
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
        let children_ok = (0..10).all(|_| {
            let child = fork_child(|| {
                same_factors(&reference, &factor_checked(&a, 300, 300, 300))
                    && workers_take_part("child")
            });
            child_ok(child, CHILD_LIMIT)
        });
        let callers_ok = callers.into_iter().all(|h| h.join().unwrap());
        children_ok
            && callers_ok
            && forklu::unstable::lent_slots() == 0
            && workers_take_part("parent")
    });
}

#[test]
fn raw_syscall_fork_skips_handlers_and_still_works() {
    at_every_thread_count("syscall(SYS_fork)", || {
        let a = random_matrix(256, 256, 256, 8);
        let before = factor_checked(&a, 256, 256, 256);
        // SAFETY: a raw fork; the child only factors and `_exit`s (no atfork handler runs).
        let pid = unsafe { libc::syscall(libc::SYS_fork) } as libc::pid_t;
        if pid == 0 {
            let ok = std::panic::catch_unwind(|| {
                same_factors(&before, &factor_checked(&a, 256, 256, 256))
                    && workers_take_part("raw-fork child")
            })
            .unwrap_or(false);
            // SAFETY: leave the child at once.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        child_ok(pid, CHILD_LIMIT)
            && same_factors(&before, &factor_checked(&a, 256, 256, 256))
            && workers_take_part("parent")
    });
}

#[test]
fn fork_storm() {
    at_every_thread_count("fork storm", || {
        let a = random_matrix(160, 160, 160, 9);
        let reference = factor_checked(&a, 160, 160, 160);
        (0..40).all(|i| {
            let child = fork_child(|| {
                same_factors(&reference, &factor_checked(&a, 160, 160, 160))
                    && workers_take_part(&format!("storm child {i}"))
            });
            let parent_same = same_factors(&reference, &factor_checked(&a, 160, 160, 160));
            child_ok(child, CHILD_LIMIT) && parent_same
        }) && workers_take_part("parent")
    });
}
