//! One slot of the pool and the static array of them.
//!
//! A slot's claim word and its worker are tagged with the generation (see
//! `generation`) that claimed or started them: in a fork child, a slot a parent's
//! thread held is free, and a slot whose worker was the parent's has none, so a missed
//! fork hook cannot leave a slot claimed forever or a job posted to a thread that does
//! not exist.

use super::generation::{ClaimWord, GenCount};
use crate::config::MAX_SLOTS;
use core::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

/// Work handed to a slot's worker: a task counter shared by every thread of one call.
pub(crate) struct Job<'a> {
    /// Next task index to take.
    pub next: AtomicUsize,
    /// Number of tasks.
    pub tasks: usize,
    /// Runs task `i`.
    pub work: &'a (dyn Fn(usize) + Sync),
    /// Workers that have finished with this job.
    pub finished: AtomicUsize,
}

impl Job<'_> {
    /// Takes and runs tasks until none are left; returns how many it ran.
    pub fn drain(&self) -> usize {
        let mut ran = 0;
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if i >= self.tasks {
                break ran;
            }
            (self.work)(i);
            ran += 1;
        }
    }
}

pub(crate) struct Slot {
    /// The claim of the caller that holds the slot.
    pub owner: ClaimWord,
    /// Generation whose worker thread serves this slot; 0 for none.
    pub worker_generation: AtomicU32,
    /// `sys::thread_id()` of that worker, to recognise calls made from a worker.
    pub thread_id: AtomicU64,
    /// Bumped for every job posted; the worker sleeps on it (futex word).
    pub ticket: AtomicU32,
    /// The job of the current ticket (type-erased `*const Job`).
    pub job: AtomicPtr<()>,
}

impl Slot {
    const fn idle() -> Slot {
        Slot {
            owner: ClaimWord::free(),
            worker_generation: AtomicU32::new(0),
            thread_id: AtomicU64::new(0),
            ticket: AtomicU32::new(0),
            job: AtomicPtr::new(core::ptr::null_mut()),
        }
    }
}

pub(crate) static SLOTS: [Slot; MAX_SLOTS] = [const { Slot::idle() }; MAX_SLOTS];

/// Slots lent to calls right now (the budget `run` keeps below the thread count).
pub(crate) static LENT: GenCount = GenCount::zero();

/// Tasks run by worker threads (not by callers), wrapping at 2^32.
pub(crate) static WORKER_TASKS: GenCount = GenCount::zero();

/// Returns slot `i` to the idle state.
pub(crate) fn release(i: usize) {
    SLOTS[i].job.store(core::ptr::null_mut(), Ordering::Relaxed);
    SLOTS[i].owner.release();
}
