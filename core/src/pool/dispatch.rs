//! Running a grid of tasks on the caller's thread plus whatever slots it can claim.

use super::fork::dispatch_generation;
use super::slot::{Job, LENT, SLOTS, release};
use super::threads::num_threads;
use super::worker::{thread_arg, wait_until, worker_main};
use crate::config::{MAX_SLOTS, PARALLEL_MIN_FLOPS};
use crate::sys;
use core::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work(i)` for every `i < tasks`, each exactly once, in any order and on any
/// thread. Below `PARALLEL_MIN_FLOPS` (the caller's estimate `flops`), with one thread
/// configured, or when called from a worker, everything runs here in order and the
/// pool is not touched. Otherwise the caller claims up to `num_threads() - 1` idle
/// slots without waiting and shares the tasks with their workers.
pub fn run(tasks: usize, flops: usize, work: &(dyn Fn(usize) + Sync)) {
    let want = num_threads().min(tasks);
    if want <= 1 || flops < PARALLEL_MIN_FLOPS || !sys::HAS_THREADS {
        return (0..tasks).for_each(work);
    }
    let generation = dispatch_generation();
    if on_worker(generation) {
        return (0..tasks).for_each(work);
    }
    let job = Job {
        next: AtomicUsize::new(0),
        tasks,
        work,
        finished: AtomicUsize::new(0),
    };
    let mut crew = Crew {
        slots: [0; MAX_SLOTS],
        claimed: 0,
        posted: 0,
        generation,
        job: &job,
    };
    crew.claim(want - 1);
    crew.post();
    job.drain();
    // `crew` drops here (or while unwinding): it waits for the workers, then frees the slots.
}

/// True when the calling thread is one of this process's workers (a nested call).
fn on_worker(generation: u32) -> bool {
    let me = sys::thread_id();
    SLOTS.iter().any(|s| {
        s.worker_generation.load(Ordering::Relaxed) == generation
            && s.thread_id.load(Ordering::Relaxed) == me
    })
}

/// The slots one call holds; dropping it waits for the workers that took the job and
/// releases the slots.
struct Crew<'j, 'w> {
    slots: [u8; MAX_SLOTS],
    claimed: usize,
    posted: usize,
    generation: u32,
    job: &'j Job<'w>,
}

impl Crew<'_, '_> {
    /// Claims up to `extra` slots, within the process-wide budget of
    /// `num_threads() - 1` lent slots, starting a worker where the slot has none.
    /// Only the first `budget` slots are looked at: with callers racing, a scan could
    /// otherwise pass slots that are busy for a moment and start workers further on,
    /// so a process would collect more worker threads than its thread count.
    fn claim(&mut self, extra: usize) {
        let generation = self.generation;
        let budget = num_threads().saturating_sub(1);
        for (i, slot) in SLOTS.iter().enumerate().take(budget) {
            if self.claimed == extra || !LENT.increment_below(generation, budget as u32) {
                break;
            }
            if !slot.owner.try_take(generation) {
                LENT.sub(generation, 1);
                continue;
            }
            if has_worker(i, generation) {
                self.slots[self.claimed] = i as u8;
                self.claimed += 1;
            } else {
                release(i);
                LENT.sub(generation, 1);
            }
        }
    }

    /// Hands the job to every claimed worker and wakes it.
    fn post(&mut self) {
        let job = self.job as *const Job<'_> as *mut ();
        for &i in &self.slots[..self.claimed] {
            let slot = &SLOTS[usize::from(i)];
            slot.job.store(job, Ordering::Relaxed);
            slot.ticket.fetch_add(1, Ordering::Release);
            sys::futex_wake(&slot.ticket, 1);
            self.posted += 1;
        }
    }
}

impl Drop for Crew<'_, '_> {
    /// Revokes the job from every worker that has not taken it yet (one that is
    /// descheduled, or cannot start), then waits only for those that did.
    fn drop(&mut self) {
        let mut joined = self.posted;
        for &i in &self.slots[..self.posted] {
            if !SLOTS[usize::from(i)]
                .job
                .swap(core::ptr::null_mut(), Ordering::AcqRel)
                .is_null()
            {
                joined -= 1;
            }
        }
        wait_until(|| self.job.finished.load(Ordering::Acquire) >= joined);
        for &i in &self.slots[..self.claimed] {
            release(usize::from(i));
        }
        LENT.sub(self.generation, self.claimed as u32);
    }
}

/// Makes sure slot `i` (claimed by us) has a worker in this generation; starts one if
/// not (a fresh slot, or one whose worker was a parent process's).
fn has_worker(i: usize, generation: u32) -> bool {
    let slot = &SLOTS[i];
    if slot.worker_generation.load(Ordering::Acquire) == generation {
        return true;
    }
    // No thread of this process reads the slot's job until a ticket is posted.
    slot.job.store(core::ptr::null_mut(), Ordering::Relaxed);
    let ticket = slot.ticket.load(Ordering::Relaxed);
    if !sys::spawn(worker_main, thread_arg(i, ticket)) {
        return false;
    }
    slot.worker_generation.store(generation, Ordering::Release);
    true
}
