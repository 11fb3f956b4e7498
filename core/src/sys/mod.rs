//! The only place that talks to the operating system. With the `threads` feature
//! off, the `none` variant answers as a bare-metal target would: no environment,
//! one process, no threads.

#[cfg(feature = "threads")]
mod unix;
#[cfg(feature = "threads")]
pub use unix::*;

#[cfg(not(feature = "threads"))]
mod none;
#[cfg(not(feature = "threads"))]
pub use none::*;

use core::sync::atomic::{AtomicU32, Ordering};

/// Bumped whenever this process turns out to be a fork child. State tagged with an
/// older epoch (a packing buffer held by a parent's thread) is free in the child.
static EPOCH: AtomicU32 = AtomicU32::new(1);
/// The pid the epoch belongs to; 0 until first looked at.
static EPOCH_PID: AtomicU32 = AtomicU32::new(0);

/// The current process epoch (no system call).
pub fn epoch() -> u32 {
    EPOCH.load(Ordering::Acquire)
}

/// Compares `getpid()` with the pid the epoch belongs to and bumps the epoch if this
/// is a fork child that has not noticed yet. True when it bumped.
pub fn check_fork() -> bool {
    let pid = getpid();
    let seen = EPOCH_PID.load(Ordering::Acquire);
    if seen == pid {
        return false;
    }
    let won = EPOCH_PID
        .compare_exchange(seen, pid, Ordering::AcqRel, Ordering::Acquire)
        .is_ok();
    // The first look in a process (seen == 0) only records the pid: nothing was inherited.
    if won && seen != 0 {
        EPOCH.fetch_add(1, Ordering::AcqRel);
        return true;
    }
    false
}
