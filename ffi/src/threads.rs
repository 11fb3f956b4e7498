//! Thread-count control for C callers.

/// Sets how many threads a call may use; values below 1 mean 1, values above
/// `forklu_get_max_threads()` are clamped to it.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_set_num_threads(n: i32) {
    forklu::set_num_threads(usize::try_from(n).ok().filter(|&v| v >= 1).unwrap_or(1));
}

/// How many threads a call may use.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_num_threads() -> i32 {
    i32::try_from(forklu::num_threads()).unwrap_or(i32::MAX)
}

/// The largest thread count `forklu_set_num_threads` accepts.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_max_threads() -> i32 {
    i32::try_from(forklu::max_threads()).unwrap_or(i32::MAX)
}

/// Tasks of parallel calls that forklu's worker threads (not the calling threads) have
/// run in this process: a diagnostic that shows a call really went parallel. Counts
/// from 0 in a fork child (from its first parallel call on).
#[unsafe(no_mangle)]
pub extern "C" fn forklu_get_worker_tasks() -> u64 {
    forklu::unstable::worker_tasks()
}
