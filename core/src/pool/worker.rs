//! The worker thread of a slot, and the bounded waits of the pool.

use super::backoff::Backoff;
use super::slot::{Job, SLOTS, WORKER_TASKS};
use crate::sys;
use core::sync::atomic::{AtomicU32, Ordering};

/// Packs the slot index and the ticket the worker starts from into the thread argument.
pub(crate) fn thread_arg(slot: usize, ticket: u32) -> usize {
    slot | (ticket as usize) << 8
}

/// Body of a worker: wait for a new ticket, run the posted job, report, repeat.
/// Workers never exit; the process (or a fork, in the child) ends them.
pub(crate) extern "C" fn worker_main(arg: *mut core::ffi::c_void) -> *mut core::ffi::c_void {
    let arg = arg as usize;
    let slot = &SLOTS[arg & 0xff];
    let mut seen = (arg >> 8) as u32;
    slot.thread_id.store(sys::thread_id(), Ordering::Release);
    loop {
        seen = wait_for_change(&slot.ticket, seen);
        // Take the job; null means none was posted or the poster already revoked it.
        let job = slot.job.swap(core::ptr::null_mut(), Ordering::AcqRel) as *const Job<'static>;
        if job.is_null() {
            continue;
        }
        // SAFETY: a poster that finds its job taken waits until `finished` counts this
        // worker before the job goes out of scope; it was posted (Release) before the swap.
        let job = unsafe { &*job };
        let ran = job.drain();
        // The spawner stored the generation before it posted the first job.
        let generation = slot.worker_generation.load(Ordering::Acquire);
        WORKER_TASKS.add(generation, ran as u32);
        job.finished.fetch_add(1, Ordering::Release);
    }
}

/// Returns the new value once `word != seen`: spinning for a while (so a job posted
/// soon after the last is picked up at once), then sleeping on the futex, so an idle
/// worker burns no CPU.
fn wait_for_change(word: &AtomicU32, seen: u32) -> u32 {
    let mut backoff = Backoff::idle();
    loop {
        let now = word.load(Ordering::Acquire);
        if now != seen {
            return now;
        }
        if !backoff.spin() {
            sys::futex_wait(word, seen);
        }
    }
}

/// Waits until `done()` holds: bounded spin, then yield (the awaited workers are
/// running tasks, so the wait is short; yielding lets them have this core).
pub(crate) fn wait_until(done: impl Fn() -> bool) {
    let mut backoff = Backoff::short();
    while !done() {
        if !backoff.spin() {
            sys::yield_now();
        }
    }
}
