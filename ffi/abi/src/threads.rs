//! Thread-count control with C's `int`.

/// Sets how many threads a call may use; values below 1 mean 1, values above
/// [`max_threads`] are clamped to it.
pub fn set_num_threads(n: i32) {
    forklu::set_num_threads(usize::try_from(n).ok().filter(|&v| v >= 1).unwrap_or(1));
}

/// How many threads a call may use.
pub fn num_threads() -> i32 {
    i32::try_from(forklu::num_threads()).unwrap_or(i32::MAX)
}

/// The largest thread count [`set_num_threads`] accepts.
pub fn max_threads() -> i32 {
    i32::try_from(forklu::max_threads()).unwrap_or(i32::MAX)
}

/// Tasks of parallel calls that the worker threads (not the callers) have run in this
/// process.
pub fn worker_tasks() -> u64 {
    forklu::unstable::worker_tasks()
}
