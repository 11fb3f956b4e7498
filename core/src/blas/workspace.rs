//! Static packing buffers for `gemm`: no allocation, any thread may take one.
//!
//! A seat's `owner` is `(epoch << 1) | 1` while held. A seat held under an older
//! process epoch was held by a thread of a parent process when it forked, so it
//! counts as free: no fork handler needs to touch these. The seats are also marked
//! wipe-on-fork: a child sees them zeroed (all free), and the parent's pages stay
//! unshared, so a fork costs it no copy-on-write faults here.

use crate::config::{PACK_A_LEN, PACK_B_LEN, PACK_SEATS};
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
        if !WIPE_ON_FORK.swap(true, Ordering::Relaxed) {
            // A fork child needs none of these buffers (no thread of its holds one), and
            // unshared pages cost the parent no copy-on-write faults after a fork.
            sys::wipe_on_fork(SEATS.as_ptr().cast(), core::mem::size_of_val(&SEATS));
        }
        let mut round = 0u32;
        loop {
            let epoch = sys::epoch();
            for seat in &SEATS {
                let cur = seat.owner.load(Ordering::Relaxed);
                let free = cur & 1 == 0 || cur >> 1 != epoch;
                if free
                    && seat
                        .owner
                        .compare_exchange(
                            cur,
                            (epoch << 1) | 1,
                            Ordering::Acquire,
                            Ordering::Relaxed,
                        )
                        .is_ok()
                {
                    return Workspace { seat };
                }
            }
            // All held: by live threads (wait), or we are a fork child that has not
            // noticed yet (then the check frees the parent's seats).
            if !sys::check_fork() {
                if round < 10 {
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
