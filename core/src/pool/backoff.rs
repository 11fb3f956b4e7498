//! Waiting without burning a core: a bounded spin, then the caller yields or sleeps.
//! Nothing in forklu spins forever (parking_lot's pattern).

use crate::config::{IDLE_SPIN_CHECKS, IDLE_SPIN_PAUSES, SPIN_ROUNDS};

/// The spin phase of one wait: `spin()` pauses and returns true while the budget
/// lasts, then false, and the caller falls back to yielding or sleeping.
pub(crate) struct Backoff {
    step: u32,
    steps: u32,
    growing: bool,
}

impl Backoff {
    /// For a short wait on running threads: 1, 2, 4, ... spin hints, [`SPIN_ROUNDS`] times.
    pub fn short() -> Backoff {
        Backoff {
            step: 0,
            steps: SPIN_ROUNDS,
            growing: true,
        }
    }

    /// For an idle worker: [`IDLE_SPIN_CHECKS`] rounds of [`IDLE_SPIN_PAUSES`] hints, so
    /// a job posted soon after the last is seen at once.
    pub fn idle() -> Backoff {
        Backoff {
            step: 0,
            steps: IDLE_SPIN_CHECKS,
            growing: false,
        }
    }

    /// Spins one round and returns true, or returns false once the budget is spent.
    pub fn spin(&mut self) -> bool {
        if self.step >= self.steps {
            return false;
        }
        let pauses = if self.growing {
            1u32 << self.step
        } else {
            IDLE_SPIN_PAUSES
        };
        for _ in 0..pauses {
            core::hint::spin_loop();
        }
        self.step += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spin_budget_ends() {
        let mut b = Backoff::short();
        assert_eq!((0..100).filter(|_| b.spin()).count() as u32, SPIN_ROUNDS);
        let mut b = Backoff::idle();
        assert_eq!(
            (0..1000).filter(|_| b.spin()).count() as u32,
            IDLE_SPIN_CHECKS
        );
    }
}
