//! Thread count control. Placeholder until the static slot pool lands (issue 4):
//! the count is recorded and reported, every call still runs on the caller's thread.

use core::sync::atomic::{AtomicUsize, Ordering};

/// Upper bound on worker slots; a call uses at most `MAX_SLOTS + 1` threads.
pub const MAX_SLOTS: usize = 64;

static REQUESTED: AtomicUsize = AtomicUsize::new(1);

/// Sets the number of threads a call may use (clamped to `1..=MAX_SLOTS + 1`).
pub fn set_num_threads(n: usize) {
    REQUESTED.store(n.clamp(1, MAX_SLOTS + 1), Ordering::Relaxed);
}

/// The number of threads a call may use.
pub fn num_threads() -> usize {
    REQUESTED.load(Ordering::Relaxed)
}

/// The largest value `set_num_threads` accepts.
pub fn max_threads() -> usize {
    MAX_SLOTS + 1
}
