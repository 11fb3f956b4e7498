//! How many threads a call may use: set by the program, else `FORKLU_NUM_THREADS`,
//! else `OMP_NUM_THREADS`, else the CPUs in the affinity mask; at most `MAX_SLOTS + 1`.

use super::generation::{self, GenCount};
use crate::config::MAX_SLOTS;
use crate::sys;
use core::sync::atomic::{AtomicUsize, Ordering};

/// The program's choice; 0 when it made none.
static CHOSEN: AtomicUsize = AtomicUsize::new(0);
/// The environment's answer, read once per process (a fork child reads it again);
/// 0 when not read yet.
static FROM_ENV: GenCount = GenCount::zero();

/// Sets the number of threads a call may use (clamped to `1..=max_threads()`);
/// 0 returns to the environment's default.
///
/// ```
/// forklu::set_num_threads(4);
/// assert_eq!(forklu::num_threads(), 4.min(forklu::max_threads()));
/// ```
pub fn set_num_threads(n: usize) {
    CHOSEN.store(n.min(max_threads()), Ordering::Relaxed);
}

/// The number of threads a call may use (1 without the `threads` feature).
pub fn num_threads() -> usize {
    if !sys::HAS_THREADS {
        return 1;
    }
    match CHOSEN.load(Ordering::Relaxed) {
        0 => from_env(),
        n => n,
    }
}

/// The largest thread count a call can use: the caller plus one per slot.
pub fn max_threads() -> usize {
    MAX_SLOTS + 1
}

fn from_env() -> usize {
    let generation = generation::cached();
    let cached = FROM_ENV.get(generation);
    if cached != 0 {
        return cached as usize;
    }
    let mut buf = [0u8; 32];
    let n = [c"FORKLU_NUM_THREADS", c"OMP_NUM_THREADS"]
        .iter()
        .find_map(|name| sys::getenv(name, &mut buf).and_then(|len| parse_count(&buf[..len])))
        .unwrap_or_else(sys::cpu_count)
        .clamp(1, max_threads());
    FROM_ENV.set(generation, n as u32);
    n
}

/// A positive decimal count, optionally followed by `,...` (OpenMP's nested list).
/// Anything else (empty, 0, negative, text, overflow) is `None`.
fn parse_count(s: &[u8]) -> Option<usize> {
    let head = s.split(|&c| c == b',').next()?;
    let head = head.trim_ascii();
    if head.is_empty() || head.len() > 9 || !head.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = head
        .iter()
        .fold(0usize, |acc, &d| acc * 10 + usize::from(d - b'0'));
    (v > 0).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn thread_counts_parse_or_fall_back() {
        assert_eq!(parse_count(b"4"), Some(4));
        assert_eq!(parse_count(b" 8 "), Some(8));
        assert_eq!(parse_count(b"3,2"), Some(3));
        for bad in [
            &b""[..],
            b"0",
            b"-2",
            b"two",
            b"4x",
            b"99999999999999999999",
            b",",
        ] {
            assert_eq!(parse_count(bad), None, "{:?}", core::str::from_utf8(bad));
        }
    }
}
