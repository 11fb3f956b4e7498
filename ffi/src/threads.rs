//! Thread-count control for C callers: forwards to `forklu_abi::threads`.

use forklu_abi::threads;

/// Sets how many threads a call may use; values below 1 mean 1, values above
/// `forklu_get_max_threads()` are clamped to it.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_set_num_threads(n: i32) {
    threads::set_num_threads(n)
}

/// How many threads a call may use.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_num_threads() -> i32 {
    threads::num_threads()
}

/// The largest thread count `forklu_set_num_threads` accepts.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_max_threads() -> i32 {
    threads::max_threads()
}

/// Tasks of parallel calls that forklu's worker threads (not the calling threads) have
/// run in this process: a diagnostic that shows a call really went parallel. Counts
/// from 0 in a fork child (from its first parallel call on).
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_worker_tasks() -> u64 {
    threads::worker_tasks()
}
