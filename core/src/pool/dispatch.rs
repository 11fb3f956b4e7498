//! Running a grid of tasks on the caller's thread plus whatever slots it can claim.

use super::fork::ensure_owner;
use super::slot::{Job, LENT, SLOTS, release, try_claim};
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
    let pid = ensure_owner();
    if on_worker(pid) {
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
        job: &job,
    };
    crew.claim(want - 1, pid);
    crew.post();
    job.drain();
    // `crew` drops here (or while unwinding): it waits for the workers, then frees the slots.
}

/// True when the calling thread is one of this process's workers (a nested call).
fn on_worker(pid: u32) -> bool {
    let me = sys::thread_id();
    SLOTS.iter().any(|s| {
        s.thread_pid.load(Ordering::Relaxed) == pid && s.thread_id.load(Ordering::Relaxed) == me
    })
}

/// The slots one call holds; dropping it waits for the workers that took the job and
/// releases the slots.
struct Crew<'j, 'w> {
    slots: [u8; MAX_SLOTS],
    claimed: usize,
    posted: usize,
    job: &'j Job<'w>,
}

impl Crew<'_, '_> {
    /// Claims up to `extra` slots, within the process-wide budget of
    /// `num_threads() - 1` lent slots, starting a worker where the slot has none.
    /// Only the first `budget` slots are looked at: with callers racing, a scan could
    /// otherwise pass slots that are busy for a moment and start workers further on,
    /// so a process would collect more worker threads than its thread count.
    fn claim(&mut self, extra: usize, pid: u32) {
        let budget = num_threads().saturating_sub(1);
        for i in 0..budget.min(MAX_SLOTS) {
            if self.claimed == extra || !take_budget(budget) {
                break;
            }
            if !try_claim(i, pid) {
                LENT.fetch_sub(1, Ordering::Relaxed);
                continue;
            }
            if has_worker(i, pid) {
                self.slots[self.claimed] = i as u8;
                self.claimed += 1;
            } else {
                release(i);
                LENT.fetch_sub(1, Ordering::Relaxed);
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
        LENT.fetch_sub(self.claimed, Ordering::Relaxed);
    }
}

/// Reserves one unit of the lent-slot budget; false when `budget` slots are out.
fn take_budget(budget: usize) -> bool {
    LENT.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
        (n < budget).then_some(n + 1)
    })
    .is_ok()
}

/// Makes sure slot `i` (claimed by us) has a worker in this process; starts one if not.
fn has_worker(i: usize, pid: u32) -> bool {
    let slot = &SLOTS[i];
    if slot.thread_pid.load(Ordering::Acquire) == pid {
        return true;
    }
    let ticket = slot.ticket.load(Ordering::Relaxed);
    if !sys::spawn(worker_main, thread_arg(i, ticket)) {
        return false;
    }
    slot.thread_pid.store(pid, Ordering::Release);
    true
}
