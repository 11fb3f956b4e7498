//! Idle workers sleep: after a parallel call the process burns (almost) no CPU.
//! Its own test binary, so no other test's work is counted.

mod common;
use common::*;
use std::time::Duration;

/// Deadline of each test: an in-process hang aborts the binary with the test's name.
const LIMIT: Duration = Duration::from_secs(60);

fn cpu_seconds() -> f64 {
    // SAFETY: an all-zero rusage is valid, and getrusage fills it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6;
    t(u.ru_utime) + t(u.ru_stime)
}

#[test]
fn idle_process_burns_no_cpu_after_a_parallel_call() {
    deadline(
        "idle_process_burns_no_cpu_after_a_parallel_call",
        LIMIT,
        || {
            forklu::set_num_threads(8);
            let a = random_matrix(400, 400, 400, 1);
            let _ = factor_checked(&a, 400, 400, 400);
            let threads = std::fs::read_dir("/proc/self/task").unwrap().count();
            assert!(
                threads >= 3,
                "only {threads} threads: the parallel call started no workers"
            );
            std::thread::sleep(Duration::from_millis(50)); // let the workers' bounded spin end
            let before = cpu_seconds();
            std::thread::sleep(Duration::from_secs(1));
            let used = cpu_seconds() - before;
            println!(
                "idle second after a parallel call: {:.2} ms of CPU, {threads} threads in the process",
                used * 1e3
            );
            assert!(used < 0.005, "idle second used {:.1} ms of CPU", used * 1e3);
        },
    )
}
