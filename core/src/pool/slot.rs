//! One slot of the pool and the static array of them.
//!
//! `owner` is `(pid << 1) | 1` while a caller holds the slot and 0 when idle. A slot
//! held under another pid was held by a thread of a parent process at fork time; it
//! is treated as idle, so a missed fork hook cannot leave a slot claimed forever.

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
    /// `(pid << 1) | 1` of the claiming process while claimed, 0 when idle.
    pub owner: AtomicU64,
    /// Pid of the process whose worker thread serves this slot; 0 for none.
    pub thread_pid: AtomicU32,
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
            owner: AtomicU64::new(0),
            thread_pid: AtomicU32::new(0),
            thread_id: AtomicU64::new(0),
            ticket: AtomicU32::new(0),
            job: AtomicPtr::new(core::ptr::null_mut()),
        }
    }

    /// Back to fresh: unclaimed, no worker, no job. Only for fork recovery, when no
    /// other thread of this process can be using the slot.
    pub fn reset(&self) {
        self.owner.store(0, Ordering::Relaxed);
        self.thread_pid.store(0, Ordering::Relaxed);
        self.thread_id.store(0, Ordering::Relaxed);
        self.ticket.store(0, Ordering::Relaxed);
        self.job.store(core::ptr::null_mut(), Ordering::Relaxed);
    }
}

pub(crate) static SLOTS: [Slot; MAX_SLOTS] = [const { Slot::idle() }; MAX_SLOTS];

/// Slots currently claimed in this process (the budget `run` keeps below the thread count).
pub(crate) static LENT: AtomicUsize = AtomicUsize::new(0);

/// Claims slot `i` for process `pid`; true on success. Lock-free, never waits.
pub(crate) fn try_claim(i: usize, pid: u32) -> bool {
    let slot = &SLOTS[i];
    let mine = (u64::from(pid) << 1) | 1;
    let cur = slot.owner.load(Ordering::Relaxed);
    let idle = cur == 0 || (cur >> 1) != u64::from(pid);
    idle && slot
        .owner
        .compare_exchange(cur, mine, Ordering::Acquire, Ordering::Relaxed)
        .is_ok()
}

/// Returns slot `i` to the idle state.
pub(crate) fn release(i: usize) {
    SLOTS[i].job.store(core::ptr::null_mut(), Ordering::Relaxed);
    SLOTS[i].owner.store(0, Ordering::Release);
}

/// Tasks run by worker threads (not by callers) in this process; reset with the slots.
pub(crate) static WORKER_TASKS: AtomicU64 = AtomicU64::new(0);

/// Number of worker slots lent to calls right now, in this process.
pub fn lent_slots() -> usize {
    LENT.load(Ordering::Relaxed)
}

/// Number of worker threads this process has started (they live on, idle, once started).
pub fn worker_threads() -> usize {
    let pid = crate::sys::getpid();
    SLOTS
        .iter()
        .filter(|s| s.thread_pid.load(Ordering::Relaxed) == pid)
        .count()
}
