//! What tests and benchmarks reach into: tuning knobs, pool counters, the GEMM and the
//! microkernel on their own. Not part of the stable API; it may change in any release.

use crate::error::Error;
use crate::mat::{MatMut, MatRef};

pub use crate::config::{CacheSizes, Caches, LeftSwaps, Panels, Tuning};
pub use crate::lapack::getrf::getrf_with;
pub use crate::lapack::getri::getri_with;

/// Worker slots lent to calls right now, in this process.
pub fn lent_slots() -> usize {
    crate::pool::lent_slots()
}

/// Worker threads this process has started (they live on, idle, once started).
pub fn worker_threads() -> usize {
    crate::pool::worker_threads()
}

/// Tasks of parallel calls that worker threads (not the callers) ran in this process:
/// how a test tells that a call really went parallel, since the bits cannot show it.
/// 0 in a fork child until its first parallel call.
pub fn worker_tasks() -> u64 {
    crate::pool::worker_tasks()
}

/// Runs `work(i)` for every `i < tasks` on the pool, as the routines do (serially
/// below `flops` of the threshold, on one thread, or when nested).
pub fn run_parallel(tasks: usize, flops: usize, work: &(dyn Fn(usize) + Sync)) {
    crate::pool::run(tasks, flops, work);
}

/// `C <- alpha A B + beta C` with the GEMM the factorization uses.
pub fn gemm(
    alpha: f64,
    a: MatRef<'_>,
    b: MatRef<'_>,
    beta: f64,
    c: &mut MatMut<'_>,
) -> Result<(), Error> {
    if a.rows() != c.rows() || b.cols() != c.cols() || a.cols() != b.rows() {
        return Err(Error::ShapeMismatch);
    }
    gemm_with(CacheSizes::Detected, alpha, a, b, beta, c)
}

/// [`gemm`] with its blocks sized for `caches`.
pub fn gemm_with(
    caches: CacheSizes,
    alpha: f64,
    a: MatRef<'_>,
    b: MatRef<'_>,
    beta: f64,
    c: &mut MatMut<'_>,
) -> Result<(), Error> {
    if a.rows() != c.rows() || b.cols() != c.cols() || a.cols() != b.rows() {
        return Err(Error::ShapeMismatch);
    }
    let mut seat = crate::pool::Seat::claim();
    let (pa, pb) = seat.buffers();
    let mut buf = crate::blas::Packing { a: pa, b: pb };
    let kern = crate::isa::kernel_for_caches::<f64>(caches);
    crate::blas::gemm(&kern, alpha, a, false, b, false, beta, c, &mut buf);
    Ok(())
}

/// This CPU's caches as the block sizes use them (CPUID, with defaults for what it
/// does not report).
pub fn caches() -> Caches {
    crate::isa::caches()
}

/// A microkernel, and what one call of it computes.
#[derive(Clone, Copy, Debug)]
pub struct Microkernel {
    /// `"avx512"`, `"avx2"` or `"scalar"`.
    pub isa: &'static str,
    /// Register tile: `mr` rows by `nr` columns.
    pub mr: usize,
    pub nr: usize,
    /// Depth of one packed panel.
    pub kc: usize,
    /// Rows of packed A and columns of packed B per block.
    pub mc: usize,
    pub nc: usize,
    /// Lanes of the element type in one FMA instruction (1 for the portable kernel).
    pub lanes: usize,
}

/// The level a name means: `"avx512"`, `"avx2"` or `"scalar"`.
fn level(isa: &str) -> Option<crate::arch::Arch> {
    use crate::arch::Arch;
    match isa {
        "avx512" => Some(Arch::Avx512),
        "avx2" => Some(Arch::Avx2),
        "scalar" => Some(Arch::Scalar),
        _ => None,
    }
}

fn describe<R: crate::Real>(k: &crate::arch::Kernel<R>) -> Microkernel {
    use crate::arch::Arch;
    let (isa, bytes) = match k.arch {
        Arch::Avx512 => ("avx512", 64),
        Arch::Avx2 => ("avx2", 32),
        Arch::Scalar => ("scalar", size_of::<R>()),
    };
    let b = k.blocks;
    Microkernel {
        isa,
        mr: b.mr,
        nr: b.nr,
        kc: b.kc,
        mc: b.mc,
        nc: b.nc,
        lanes: bytes / size_of::<R>(),
    }
}

/// The `f64` microkernel this process uses.
pub fn microkernel() -> Microkernel {
    describe(&crate::isa::kernel::<f64>())
}

/// The microkernel for `R` of level `isa` (`"avx512"`, `"avx2"`, `"scalar"`) as this
/// process would use it (its block sizes from this CPU's caches), if the CPU has the
/// level. A kernel of a level without its own `R` kernel reports the one it runs.
pub fn microkernel_at<R: crate::Real>(isa: &str) -> Option<Microkernel> {
    crate::isa::kernel_at::<R>(level(isa)?).map(|k| describe(&k))
}

/// One microkernel call: `C <- C - A B` for packed panels `a` (`k` slivers of `mr`)
/// and `b` (`k` slivers of `nr`) and a full `mr x nr` tile `c` (column-major, `ld = mr`).
pub fn run_microkernel(k: usize, a: &[f64], b: &[f64], c: &mut [f64]) -> Result<(), Error> {
    run(&crate::isa::kernel::<f64>(), k, a, b, c)
}

/// [`run_microkernel`] with the kernel for `R` of level `isa`;
/// `Err(ShapeMismatch)` also when this CPU lacks the level.
pub fn run_microkernel_at<R: crate::Real>(
    isa: &str,
    k: usize,
    a: &[R],
    b: &[R],
    c: &mut [R],
) -> Result<(), Error> {
    let kern = level(isa)
        .and_then(crate::isa::kernel_at::<R>)
        .ok_or(Error::ShapeMismatch)?;
    run(&kern, k, a, b, c)
}

fn run<R: crate::Real>(
    kern: &crate::arch::Kernel<R>,
    k: usize,
    a: &[R],
    b: &[R],
    c: &mut [R],
) -> Result<(), Error> {
    let (mr, nr) = (kern.blocks.mr, kern.blocks.nr);
    if a.len() < k * mr || b.len() < k * nr || c.len() < mr * nr {
        return Err(Error::ShapeMismatch);
    }
    let tile = crate::arch::Tile {
        k,
        a: a.as_ptr(),
        b: b.as_ptr(),
        c: c.as_mut_ptr(),
        rs: 1,
        cs: mr,
        m: mr,
        n: nr,
        alpha: -R::ONE,
        beta: R::ONE,
    };
    // SAFETY: the lengths were checked against k, mr and nr just above, and `kern`
    // came from `isa`, which only returns kernels the CPU supports.
    unsafe { (kern.run)(&tile) };
    Ok(())
}
