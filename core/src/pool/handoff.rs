//! Handing one `&mut` borrow to whichever task of a parallel call asks first.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};

/// A value that exactly one task of a [`run`](super::run) call may take out, so a
/// task can own a borrow (a pivot slice, say) that the other tasks never see.
pub struct Handoff<T> {
    taken: AtomicBool,
    value: UnsafeCell<Option<T>>,
}

// SAFETY: the flag lets one thread, once, move the value out (`take`); no reference to
// the inside is ever shared, so `T: Send` is all that is needed.
unsafe impl<T: Send> Sync for Handoff<T> {}

impl<T> Handoff<T> {
    /// Holds `value` for the task that takes it.
    pub fn new(value: T) -> Self {
        Self {
            taken: AtomicBool::new(false),
            value: UnsafeCell::new(Some(value)),
        }
    }

    /// The value for the first caller, `None` for every later one.
    pub fn take(&self) -> Option<T> {
        if self.taken.swap(true, Ordering::Acquire) {
            return None;
        }
        // SAFETY: the swap above returned false for this caller only, so no other
        // thread reads or writes the cell, now or later.
        unsafe { (*self.value.get()).take() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_take_gets_the_value() {
        let mut data = [1, 2, 3];
        let h = Handoff::new(&mut data[..]);
        let first = h.take();
        assert!(h.take().is_none());
        first.expect("first take")[0] = 9;
        assert_eq!(data, [9, 2, 3]);
    }
}
