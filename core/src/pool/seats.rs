//! Static packing buffers: no allocation, any thread may take one. A seat is claimed
//! for one product at a time; the one shared buffer holds a look-ahead step's `L21`,
//! packed once for all its tasks. Claims are generation-tagged (see `generation`), and
//! the memory is marked wipe-on-fork: a child sees it zeroed and free, and the parent's
//! pages stay unshared, so a fork costs it no copy-on-write faults here.

use super::backoff::Backoff;
use super::generation::{self, ClaimWord};
use crate::config::{PACK_A_BYTES, PACK_B_BYTES, PACK_SEATS, SHARED_A_BYTES};
use crate::scalar::Real;
use crate::sys;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// A seat's two buffers, in 8-byte words so either real type can be laid in them.
#[repr(C, align(64))]
struct Buffers {
    a: [u64; PACK_A_BYTES.div_ceil(8)],
    b: [u64; PACK_B_BYTES.div_ceil(8)],
}

/// One seat's buffers.
struct SeatBuffers(UnsafeCell<Buffers>);

// SAFETY: a seat's buffers are only reached through a `Seat`, which exists for one
// holder at a time (its owner word is taken by compare-and-swap).
unsafe impl Sync for SeatBuffers {}

static BUFFERS: [SeatBuffers; PACK_SEATS] = [const {
    SeatBuffers(UnsafeCell::new(Buffers {
        a: [0; PACK_A_BYTES.div_ceil(8)],
        b: [0; PACK_B_BYTES.div_ceil(8)],
    }))
}; PACK_SEATS];

/// The seats' owner words, alone in one page, so the whole page can be marked
/// wipe-on-fork: then a fork child, made with or without the atfork handlers, finds
/// every seat free. One cache line each, so threads claiming different seats do not
/// contend.
#[repr(C, align(4096))]
struct Owners([Line; PACK_SEATS]);

#[repr(C, align(64))]
struct Line(ClaimWord);

const _: () = assert!(size_of::<Owners>() <= 4096, "the owner words fit one page");

static OWNERS: Owners = Owners([const { Line(ClaimWord::free()) }; PACK_SEATS]);

/// 0 before the seats are marked; then 1 if the owner page is wipe-on-fork, 2 if the
/// kernel refused (a child inherits the marking and this state).
static MARKED: AtomicU8 = AtomicU8::new(0);
const WIPED: u8 = 1;
const NOT_WIPED: u8 = 2;

/// Exclusive use of one seat's A and B packing buffers until dropped.
pub(crate) struct Seat {
    index: usize,
}

impl Seat {
    /// Takes a free seat, waiting (bounded spin, then yield) while all are in use: each
    /// holder finishes one product without waiting on anything, so the wait is short.
    ///
    /// The fast path takes only a free word and makes no system call. A word held by
    /// another generation is a parent's (on kernels without wipe-on-fork, where a child
    /// inherits held words): it is taken over only when every seat looks held, after a
    /// `getpid()` check. A child made without the atfork handlers that has not looked
    /// yet tags its first claims with the parent's generation; on such kernels alone, a
    /// takeover could then meet one of them.
    pub fn claim() -> Seat {
        let wiped = mark_once() == WIPED;
        let mut backoff = Backoff::short();
        loop {
            if let Some(index) = first_taken(&OWNERS.0, generation::cached(), false) {
                return Seat { index };
            }
            if !wiped && let Some(index) = first_taken(&OWNERS.0, generation::current(), true) {
                return Seat { index };
            }
            if !backoff.spin() {
                sys::yield_now();
            }
        }
    }

    /// The A and B packing buffers, as `R`s.
    pub fn buffers<R: Real>(&mut self) -> (&mut [R], &mut [R]) {
        // SAFETY: this Seat holds seat `index` exclusively (see `claim`), and the
        // returned borrows end before it can be dropped.
        let b = unsafe { &mut *BUFFERS[self.index].0.get() };
        (as_reals(&mut b.a), as_reals(&mut b.b))
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        OWNERS.0[self.index].0.release();
    }
}

/// The index of the first word of `words` taken for `generation`: a free one, or with
/// `takeover` also one a parent held. A loop over a slice rather than the array, so
/// the compiler keeps one compare-and-swap in a loop instead of 32 in a row.
#[inline(never)]
fn first_taken(words: &[Line], generation: u32, takeover: bool) -> Option<usize> {
    words.iter().position(|w| {
        if takeover {
            w.0.try_take(generation)
        } else {
            w.0.try_take_free(generation)
        }
    })
}

/// Words seen as `f32` or `f64` values (both take any bit pattern; the words are
/// 64-byte aligned, more than either needs).
fn as_reals<R: Real>(words: &mut [u64]) -> &mut [R] {
    let len = size_of_val(words) / size_of::<R>();
    // SAFETY: `R` is `f32` or `f64` (the sealed `Real`), plain data valid for every bit
    // pattern, and aligned to at most 8 bytes; the slice covers the same bytes, and
    // the borrow of `words` moves to it.
    unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr().cast(), len) }
}

/// Marks the owner page and the buffers wipe-on-fork once per process tree; returns
/// whether the owner page is wiped in a child.
fn mark_once() -> u8 {
    match MARKED.load(Ordering::Relaxed) {
        0 => {
            let wiped = sys::wipe_on_fork((&raw const OWNERS).cast(), size_of::<Owners>());
            sys::wipe_on_fork(BUFFERS.as_ptr().cast(), core::mem::size_of_val(&BUFFERS));
            let state = if wiped { WIPED } else { NOT_WIPED };
            MARKED.store(state, Ordering::Relaxed);
            state
        }
        state => state,
    }
}

/// Marks `len` bytes at `ptr` wipe-on-fork the first time `done` is seen false.
fn wipe_on_fork_once(done: &AtomicBool, ptr: *const u8, len: usize) {
    if !done.swap(true, Ordering::Relaxed) {
        sys::wipe_on_fork(ptr, len);
    }
}

#[repr(C, align(64))]
struct SharedCell {
    owner: ClaimWord,
    data: UnsafeCell<[u64; SHARED_A_BYTES / 8]>,
}

// SAFETY: `data` is only reached through a `SharedBuffer`, which one holder at a time
// has (claimed by compare-and-swap); how that holder's tasks share it is the holder's
// contract (`blas::SharedA`).
unsafe impl Sync for SharedCell {}

static SHARED: SharedCell = SharedCell {
    owner: ClaimWord::free(),
    data: UnsafeCell::new([0; SHARED_A_BYTES / 8]),
};

static SHARED_WIPE_ON_FORK: AtomicBool = AtomicBool::new(false);

/// The one shared buffer of `SHARED_A_BYTES`, held until dropped. Never waited
/// for: a caller that finds it held packs in each task instead.
pub(crate) struct SharedBuffer(());

impl SharedBuffer {
    /// Takes the buffer if it is free.
    pub fn try_claim() -> Option<SharedBuffer> {
        wipe_on_fork_once(
            &SHARED_WIPE_ON_FORK,
            SHARED.data.get().cast(),
            core::mem::size_of_val(&SHARED.data),
        );
        // Built only on success: dropping a claim releases the buffer.
        SHARED
            .owner
            .try_take(generation::current())
            .then(|| SharedBuffer(()))
    }

    /// The buffer as `R`s: its start and length; valid while the claim lives.
    pub fn reals<R: Real>(&self) -> (*mut R, usize) {
        (SHARED.data.get().cast(), SHARED_A_BYTES / size_of::<R>())
    }
}

impl Drop for SharedBuffer {
    fn drop(&mut self) {
        SHARED.owner.release();
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
            if let Some(c) = SharedBuffer::try_claim() {
                break c;
            }
            std::thread::yield_now();
        };
        assert!(SharedBuffer::try_claim().is_none());
        assert!(
            SharedBuffer::try_claim().is_none(),
            "a failed claim released the buffer"
        );
        drop(first);
        let again = loop {
            if let Some(c) = SharedBuffer::try_claim() {
                break c;
            }
            std::thread::yield_now();
        };
        drop(again);
    }
}
