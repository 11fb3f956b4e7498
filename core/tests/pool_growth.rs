//! Worker threads stay within the largest thread count set, even when many callers
//! race for slots while the count changes (found by the fork soak: a scan that passed
//! slots busy for a moment went on to start workers beyond them).

mod common;
use common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Deadline of each test: an in-process hang aborts the binary with the test's name.
const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn racing_callers_start_no_more_workers_than_the_largest_count() {
    deadline(
        "racing_callers_start_no_more_workers_than_the_largest_count",
        LIMIT,
        || {
            let a = random_matrix(200, 200, 200, 2);
            let stop = AtomicBool::new(false);
            std::thread::scope(|s| {
                s.spawn(|| {
                    let mut x = 1u64;
                    while !stop.load(Ordering::Relaxed) {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        forklu::set_num_threads(1 + (x >> 61) as usize); // 1..=8
                        std::thread::yield_now();
                    }
                });
                let callers: Vec<_> = (0..8)
                    .map(|_| {
                        s.spawn(|| {
                            for _ in 0..150 {
                                factor_checked(&a, 200, 200, 200);
                            }
                        })
                    })
                    .collect();
                for c in callers {
                    c.join().unwrap();
                }
                stop.store(true, Ordering::Relaxed);
            });
            let workers = forklu::unstable::worker_threads();
            assert!(workers >= 1, "the pool was never used");
            assert!(
                workers <= 7,
                "{workers} worker threads, at most 8 threads configured"
            );
        },
    )
}
