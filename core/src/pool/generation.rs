//! Which process this is: a generation number, bumped the first time a fork child looks
//! (the atfork child handler, or any claim or dispatch that sees a new pid, so the
//! hook is not relied on). Every fork-aware word (slot and seat claims, the shared L21
//! buffer, the pool's counters) is tagged with the generation that wrote it; a tag of
//! another generation was written by a parent's thread, which does not exist here, so
//! it reads as free (or zero). Nothing has to be rewritten after a fork, and nothing
//! runs in the parent.

use crate::sys;
use core::sync::atomic::{AtomicU64, Ordering};

/// `(pid << 32) | generation` of the last look; 0 before the first.
static PROCESS: AtomicU64 = AtomicU64::new(0);

/// This process's generation (never 0). Costs a `getpid()`; the first look in a fork
/// child bumps the generation.
pub(crate) fn current() -> u32 {
    let pid = sys::getpid();
    let mut seen = PROCESS.load(Ordering::Acquire);
    loop {
        if seen != 0 && (seen >> 32) as u32 == pid {
            return seen as u32;
        }
        let next = (seen as u32).wrapping_add(1).max(1);
        match PROCESS.compare_exchange(
            seen,
            (u64::from(pid) << 32) | u64::from(next),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => return next,
            Err(now) => seen = now,
        }
    }
}

/// The generation last seen, without a system call: this process's, unless it is a
/// fork child that has not looked yet (then its parent's).
pub(crate) fn cached() -> u32 {
    match PROCESS.load(Ordering::Acquire) as u32 {
        0 => current(),
        generation => generation,
    }
}

/// A claim word: `(generation << 1) | 1` while held, 0 when free. A hold by another
/// generation was a parent thread's at fork time and counts as free.
pub(crate) struct ClaimWord(AtomicU64);

impl ClaimWord {
    pub const fn free() -> ClaimWord {
        ClaimWord(AtomicU64::new(0))
    }

    /// Takes the word for generation `generation` if it is free there; never waits.
    pub fn try_take(&self, generation: u32) -> bool {
        let mine = (u64::from(generation) << 1) | 1;
        let cur = self.0.load(Ordering::Relaxed);
        let free = cur & 1 == 0 || cur != mine;
        free && self
            .0
            .compare_exchange(cur, mine, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Takes the word for `generation` if nobody holds it in any generation; never waits.
    pub fn try_take_free(&self, generation: u32) -> bool {
        let mine = (u64::from(generation) << 1) | 1;
        self.0
            .compare_exchange(0, mine, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Gives the word back (the holder's writes happen before the next holder's take).
    pub fn release(&self) {
        self.0.store(0, Ordering::Release);
    }
}

/// A count that belongs to one generation: `(generation << 32) | count`; it reads as 0
/// in any other generation (a fork child starts from zero).
pub(crate) struct GenCount(AtomicU64);

impl GenCount {
    pub const fn zero() -> GenCount {
        GenCount(AtomicU64::new(0))
    }

    fn count_in(word: u64, generation: u32) -> u32 {
        if (word >> 32) as u32 == generation {
            word as u32
        } else {
            0
        }
    }

    fn word(generation: u32, count: u32) -> u64 {
        (u64::from(generation) << 32) | u64::from(count)
    }

    /// The count in `generation`.
    pub fn get(&self, generation: u32) -> u32 {
        Self::count_in(self.0.load(Ordering::Relaxed), generation)
    }

    /// Sets the count in `generation`.
    pub fn set(&self, generation: u32, count: u32) {
        self.0
            .store(Self::word(generation, count), Ordering::Relaxed);
    }

    /// Adds `n` (wrapping at 2^32) in `generation`.
    pub fn add(&self, generation: u32, n: u32) {
        self.update(generation, |c| Some(c.wrapping_add(n)));
    }

    /// Subtracts `n` in `generation`, stopping at 0.
    pub fn sub(&self, generation: u32, n: u32) {
        self.update(generation, |c| Some(c.saturating_sub(n)));
    }

    /// Adds one if the count is below `limit`; false (and no change) otherwise.
    pub fn increment_below(&self, generation: u32, limit: u32) -> bool {
        self.update(generation, |c| (c < limit).then_some(c + 1))
    }

    fn update(&self, generation: u32, f: impl Fn(u32) -> Option<u32>) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |w| {
                f(Self::count_in(w, generation)).map(|c| Self::word(generation, c))
            })
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_or_count_of_another_generation_is_free_or_zero() {
        let word = ClaimWord::free();
        assert!(word.try_take(7));
        assert!(!word.try_take(7), "held in this generation");
        assert!(word.try_take(8), "a parent's hold is free in the child");
        assert!(!word.try_take(8));
        word.release();
        assert!(word.try_take(8));

        let count = GenCount::zero();
        count.set(3, 5);
        count.add(3, 2);
        assert_eq!(count.get(3), 7);
        assert_eq!(count.get(4), 0, "a child starts from zero");
        assert!(count.increment_below(4, 1));
        assert!(!count.increment_below(4, 1));
        count.sub(4, 3);
        assert_eq!(count.get(4), 0);
    }

    #[test]
    fn the_generation_is_stable_in_one_process() {
        let g = current();
        assert!(g != 0);
        assert_eq!(current(), g);
    }
}
