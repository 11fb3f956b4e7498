//! The static thread-slot pool (DESIGN rules 2–5) and the other static resources a
//! call claims: the packing seats and the shared `L21` buffer.
//!
//! A fixed array of slots in static memory, each able to host one worker thread.
//! A caller claims idle slots lock-free, never waits for one, and runs with however
//! many it got. Every claim and worker is tagged with the process generation
//! (`generation`), so in a fork child the parent's claims and workers count as absent
//! whether or not the atfork hook ran.

mod backoff;
mod dispatch;
mod fork;
mod generation;
mod handoff;
mod seats;
mod slot;
mod threads;
mod worker;

pub(crate) use dispatch::run;
pub(crate) use handoff::Handoff;
pub(crate) use seats::{Seat, SharedBuffer};
pub use threads::{max_threads, num_threads, set_num_threads};
pub(crate) use worker::wait_until;

use core::sync::atomic::Ordering;

/// Worker slots lent to calls right now, in this process.
pub(crate) fn lent_slots() -> usize {
    slot::LENT.get(generation::current()) as usize
}

/// Worker threads this process has started (they live on, idle, once started).
pub(crate) fn worker_threads() -> usize {
    let generation = generation::current();
    slot::SLOTS
        .iter()
        .filter(|s| s.worker_generation.load(Ordering::Relaxed) == generation)
        .count()
}

/// Tasks run by this process's worker threads (wrapping at 2^32); 0 in a fork child
/// until its first parallel call.
pub(crate) fn worker_tasks() -> u64 {
    u64::from(slot::WORKER_TASKS.get(generation::current()))
}
