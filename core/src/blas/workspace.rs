//! Static packing buffers for `gemm`: no allocation, any thread may take one.
//!
//! A seat's `owner` is `(epoch << 1) | 1` while held. A seat held under an older
//! process epoch was held by a thread of a parent process when it forked, so it
//! counts as free: no fork handler needs to touch these. The seats are also marked
//! wipe-on-fork: a child sees them zeroed (all free), and the parent's pages stay
//! unshared, so a fork costs it no copy-on-write faults here.

use crate::config::{PACK_A_LEN, PACK_B_LEN, PACK_SEATS, SHARED_A_LEN, SPIN_ROUNDS};
use crate::sys;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

#[repr(C, align(64))]
struct Buffers {
    a: [f64; PACK_A_LEN],
    b: [f64; PACK_B_LEN],
}

struct Seat {
    owner: AtomicU32,
    buffers: UnsafeCell<Buffers>,
}

// SAFETY: `buffers` is only reached through a `Workspace`, which exists for one holder
// of the seat at a time (the owner word is claimed by compare-and-swap).
unsafe impl Sync for Seat {}

static SEATS: [Seat; PACK_SEATS] = [const {
    Seat {
        owner: AtomicU32::new(0),
        buffers: UnsafeCell::new(Buffers {
            a: [0.0; PACK_A_LEN],
            b: [0.0; PACK_B_LEN],
        }),
    }
}; PACK_SEATS];

/// Set once the seats are marked wipe-on-fork (a plain atomic; a child inherits both
/// the flag and the marking).
static WIPE_ON_FORK: AtomicBool = AtomicBool::new(false);

/// Exclusive use of one seat's buffers until dropped.
pub struct Workspace {
    seat: &'static Seat,
}

impl Workspace {
    /// Takes a free seat, waiting (bounded spin, then yield) if all are in use.
    pub fn claim() -> Workspace {
        wipe_on_fork_once(
            &WIPE_ON_FORK,
            SEATS.as_ptr().cast(),
            core::mem::size_of_val(&SEATS),
        );
        let mut round = 0u32;
        loop {
            let epoch = sys::epoch();
            if let Some(seat) = SEATS.iter().find(|s| take(&s.owner, epoch)) {
                return Workspace { seat };
            }
            // All held: by live threads (wait), or we are a fork child that has not
            // noticed yet (then the check frees the parent's seats).
            if !sys::check_fork() {
                if round < SPIN_ROUNDS {
                    (0..1u32 << round).for_each(|_| core::hint::spin_loop());
                    round += 1;
                } else {
                    sys::yield_now();
                }
            }
        }
    }

    /// The A and B packing buffers.
    pub fn buffers(&mut self) -> (&mut [f64], &mut [f64]) {
        // SAFETY: this Workspace holds the seat exclusively (see `claim`), and the
        // returned borrows end before it can be dropped.
        let b = unsafe { &mut *self.seat.buffers.get() };
        (&mut b.a, &mut b.b)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        self.seat.owner.store(0, Ordering::Release);
    }
}

/// Takes an owner word if it is free: 0, or held under an older epoch (by a thread of
/// a parent process at fork time). Held is `(epoch << 1) | 1`.
fn take(owner: &AtomicU32, epoch: u32) -> bool {
    let cur = owner.load(Ordering::Relaxed);
    let free = cur & 1 == 0 || cur >> 1 != epoch;
    free && owner
        .compare_exchange(cur, (epoch << 1) | 1, Ordering::Acquire, Ordering::Relaxed)
        .is_ok()
}

/// Marks `len` bytes at `ptr` wipe-on-fork the first time `done` is seen false: a fork
/// child needs none of these buffers (no thread of its holds one), and unshared pages
/// cost the parent no copy-on-write faults after a fork.
fn wipe_on_fork_once(done: &AtomicBool, ptr: *const u8, len: usize) {
    if !done.swap(true, Ordering::Relaxed) {
        sys::wipe_on_fork(ptr, len);
    }
}

/// One more buffer, for an A operand packed once and read by all the `gemm` calls of a
/// parallel update (`gemm::SharedA`). Never waited for: a caller that finds it held,
/// or too small, packs A in each call as usual. Same owner word and fork rules as the
/// seats.
#[repr(C, align(64))]
struct Shared {
    owner: AtomicU32,
    data: UnsafeCell<[f64; SHARED_A_LEN]>,
}

// SAFETY: `data` is only reached through a `SharedClaim`, which one holder at a time
// has (claimed by compare-and-swap); how that holder's tasks share it is `SharedA`'s
// contract.
unsafe impl Sync for Shared {}

static SHARED: Shared = Shared {
    owner: AtomicU32::new(0),
    data: UnsafeCell::new([0.0; SHARED_A_LEN]),
};

static SHARED_WIPE_ON_FORK: AtomicBool = AtomicBool::new(false);

/// The shared buffer, held until dropped.
pub struct SharedClaim(());

impl SharedClaim {
    /// Takes the buffer if it is free (never waits).
    pub fn try_claim() -> Option<SharedClaim> {
        wipe_on_fork_once(
            &SHARED_WIPE_ON_FORK,
            SHARED.data.get().cast(),
            core::mem::size_of_val(&SHARED.data),
        );
        // Built only on success: dropping a claim releases the buffer.
        if take(&SHARED.owner, sys::epoch()) {
            Some(SharedClaim(()))
        } else {
            None
        }
    }

    /// The buffer's `SHARED_A_LEN` values; valid while the claim lives.
    pub fn ptr(&self) -> *mut f64 {
        SHARED.data.get().cast()
    }
}

impl Drop for SharedClaim {
    fn drop(&mut self) {
        SHARED.owner.store(0, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One holder at a time, and a failed claim leaves the holder's claim alone.
    #[test]
    fn shared_buffer_has_one_holder() {
        // Other tests may hold it for a moment: wait for a first claim.
        let first = loop {
            if let Some(c) = SharedClaim::try_claim() {
                break c;
            }
            std::thread::yield_now();
        };
        assert!(SharedClaim::try_claim().is_none());
        assert!(
            SharedClaim::try_claim().is_none(),
            "a failed claim released the buffer"
        );
        drop(first);
        let again = loop {
            if let Some(c) = SharedClaim::try_claim() {
                break c;
            }
            std::thread::yield_now();
        };
        drop(again);
    }
}
