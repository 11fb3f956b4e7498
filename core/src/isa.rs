//! The kernels this process uses: the best level the CPU supports, or a lower one forced
//! with `FORKLU_ARCH=scalar|avx2|avx512` (any other value means the best). Chosen once
//! per process, in a plain atomic that a fork cannot leave half-written.

use crate::arch::{self, Arch, Kernel};
use crate::config::{CacheSizes, Caches, DEFAULT_CACHES, fit_blocks};
use crate::scalar::Real;
use crate::sys;
use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// `Arch as u8` of the chosen level; 0 until the first call chooses.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// The level this process uses.
pub fn level() -> Arch {
    match CHOSEN.load(Ordering::Relaxed) {
        0 => {
            let a = choose();
            CHOSEN.store(a as u8, Ordering::Relaxed);
            a
        }
        v => arch::from_u8(v),
    }
}

/// The kernel family for `R` every routine of this process passes down, its blocks
/// sized for this CPU's caches.
pub fn kernel<R: Real>() -> Kernel<R> {
    kernel_at::<R>(level()).unwrap_or_else(|| unreachable!("the chosen level is supported"))
}

/// [`kernel`] with its blocks sized for `caches` instead.
pub fn kernel_for_caches<R: Real>(caches: CacheSizes) -> Kernel<R> {
    let mut k = arch::kernel_for::<R>(level())
        .unwrap_or_else(|| unreachable!("the chosen level is supported"));
    let c = match caches {
        CacheSizes::Detected => self::caches(),
        CacheSizes::Given(c) => c,
    };
    k.blocks = fit_blocks(k.blocks, size_of::<R>(), c);
    k
}

/// The kernel family for `R` of level `arch`, its blocks sized for this CPU's caches,
/// if this CPU supports the level (benchmarks compare the levels in one process).
pub fn kernel_at<R: Real>(arch: Arch) -> Option<Kernel<R>> {
    arch::kernel_for::<R>(arch).map(|mut k| {
        k.blocks = fit_blocks(k.blocks, size_of::<R>(), caches());
        k
    })
}

/// This CPU's caches (CPUID, once per process), with [`DEFAULT_CACHES`] for any size
/// it does not report. Plain atomics (0: not yet read), which a fork cannot leave
/// half-written.
pub fn caches() -> Caches {
    static SIZES: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];
    let load = |i: usize| SIZES[i].load(Ordering::Relaxed);
    if load(0) == 0 {
        let d = DEFAULT_CACHES;
        let found = arch::caches();
        // L1 last: a thread that sees it set sees the others too (one thread's stores
        // to one location each, read back in the order of the check above; a racing
        // thread at worst reads CPUID again).
        for (i, default) in [(2, d.l3), (1, d.l2), (0, d.l1d)] {
            // Sizes outside 4 KiB to 1 GiB are misreports.
            let size = found[i].filter(|s| (4 << 10..=1 << 30).contains(s));
            SIZES[i].store(size.unwrap_or(default), Ordering::Relaxed);
        }
    }
    Caches {
        l1d: load(0),
        l2: load(1),
        l3: load(2),
    }
}

/// The best supported level, capped by `FORKLU_ARCH`.
fn choose() -> Arch {
    let mut buf = [0u8; 16];
    let forced = match sys::getenv(c"FORKLU_ARCH", &mut buf).map(|n| &buf[..n]) {
        Some(b"scalar") => Arch::Scalar,
        Some(b"avx2") => Arch::Avx2,
        _ => Arch::Avx512,
    };
    arch::supported().min(forced)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chosen kernel is supported, and `FORKLU_ARCH` (as the test command sets it
    /// for each pass) is obeyed when the CPU has the level.
    #[test]
    fn the_chosen_kernel_is_supported_and_obeys_forklu_arch() {
        let k = kernel::<f64>();
        assert!(arch::kernel_for::<f64>(k.arch).is_some());
        let wanted = match std::env::var("FORKLU_ARCH").as_deref() {
            Ok("scalar") => Arch::Scalar,
            Ok("avx2") => Arch::Avx2,
            _ => Arch::Avx512,
        };
        if wanted > arch::supported() {
            forklu_testkit::skip(
                "the_chosen_kernel_is_supported_and_obeys_forklu_arch",
                &format!(
                    "FORKLU_ARCH asks for {wanted:?}; this CPU has {:?}",
                    arch::supported()
                ),
            );
        }
        assert_eq!(k.arch, wanted.min(arch::supported()));
    }
}
