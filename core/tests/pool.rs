//! The pool's promises seen from outside: a bounded total, no deadlock among
//! concurrent callers, serial nested calls, slots returned after a panic.

mod common;
use common::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Deadline of each test: an in-process hang aborts the binary with the test's name.
const LIMIT: Duration = Duration::from_secs(60);

static TURN: Mutex<()> = Mutex::new(());

#[test]
fn concurrent_callers_stay_within_the_thread_budget() {
    deadline(
        "concurrent_callers_stay_within_the_thread_budget",
        LIMIT,
        || {
            let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
            forklu::set_num_threads(4);
            let a = random_matrix(300, 300, 300, 1);
            let reference = factor_checked(&a, 300, 300, 300);
            let peak = AtomicUsize::new(0);
            let stop = AtomicUsize::new(0);
            std::thread::scope(|s| {
                s.spawn(|| {
                    while stop.load(Ordering::Relaxed) == 0 {
                        peak.fetch_max(forklu::unstable::lent_slots(), Ordering::Relaxed);
                        std::hint::spin_loop();
                    }
                });
                let callers: Vec<_> = (0..8)
                    .map(|_| {
                        s.spawn(|| {
                            (0..6).all(|_| {
                                same_factors(&reference, &factor_checked(&a, 300, 300, 300))
                            })
                        })
                    })
                    .collect();
                for c in callers {
                    assert!(c.join().unwrap(), "a concurrent caller got different bits");
                }
                stop.store(1, Ordering::Relaxed);
            });
            let peak = peak.load(Ordering::Relaxed);
            assert!(peak <= 3, "{peak} slots lent with 4 threads configured");
            assert!(peak >= 1, "the pool was never used");
            assert_eq!(forklu::unstable::lent_slots(), 0);
        },
    )
}

#[test]
fn nested_calls_run_serially_and_agree() {
    deadline("nested_calls_run_serially_and_agree", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        forklu::set_num_threads(4);
        let a = random_matrix(256, 256, 256, 2);
        let reference = factor_checked(&a, 256, 256, 256);
        let good = AtomicUsize::new(0);
        forklu::unstable::run_parallel(8, usize::MAX, &|_| {
            if same_factors(&reference, &factor_checked(&a, 256, 256, 256)) {
                good.fetch_add(1, Ordering::Relaxed);
            }
        });
        assert_eq!(good.load(Ordering::Relaxed), 8);
        assert_eq!(forklu::unstable::lent_slots(), 0);
    })
}

#[test]
fn a_panicking_caller_releases_its_slots() {
    deadline("a_panicking_caller_releases_its_slots", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        forklu::set_num_threads(4);
        let me = std::thread::current().id();
        let ran = AtomicUsize::new(0);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            forklu::unstable::run_parallel(64, usize::MAX, &|_| {
                ran.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1));
                if std::thread::current().id() == me {
                    panic!("caller's task fails");
                }
            })
        }));
        assert!(result.is_err(), "the panic must reach the caller");
        assert_eq!(
            forklu::unstable::lent_slots(),
            0,
            "slots still lent after the panic"
        );
        let a = random_matrix(300, 300, 300, 3);
        let _ = factor_checked(&a, 300, 300, 300);
        assert_eq!(forklu::unstable::lent_slots(), 0);
        assert!(ran.load(Ordering::Relaxed) >= 1);
    })
}

#[test]
fn every_task_runs_exactly_once() {
    deadline("every_task_runs_exactly_once", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        for threads in [1, 2, 8] {
            forklu::set_num_threads(threads);
            let hits: Vec<AtomicUsize> = (0..1000).map(|_| AtomicUsize::new(0)).collect();
            forklu::unstable::run_parallel(hits.len(), usize::MAX, &|i| {
                hits[i].fetch_add(1, Ordering::Relaxed);
            });
            assert!(
                hits.iter().all(|h| h.load(Ordering::Relaxed) == 1),
                "{threads} threads"
            );
        }
    })
}
