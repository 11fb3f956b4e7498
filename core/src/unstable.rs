//! What tests and benchmarks reach into: tuning knobs, pool counters, the GEMM and the
//! microkernel on their own. Not part of the stable API; it may change in any release.

use crate::error::Error;
use crate::mat::{MatMut, MatRef};

pub use crate::config::{LeftSwaps, Panels, Tuning};
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
    let mut seat = crate::pool::Seat::claim();
    let (pa, pb) = seat.buffers();
    let mut buf = crate::blas::Packing { a: pa, b: pb };
    let kern = crate::isa::kernel::<f64>();
    crate::blas::gemm(&kern, alpha, a, false, b, false, beta, c, &mut buf);
    Ok(())
}

/// The microkernel this process uses, and what one call of it computes.
#[derive(Clone, Copy, Debug)]
pub struct Microkernel {
    /// `"avx512"`, `"avx2"` or `"scalar"`.
    pub isa: &'static str,
    /// Register tile: `mr` rows by `nr` columns.
    pub mr: usize,
    pub nr: usize,
    /// Depth of one packed panel.
    pub kc: usize,
    /// `f64` lanes of one FMA instruction (1 for the portable kernel).
    pub lanes: usize,
}

/// The microkernel this process uses.
pub fn microkernel() -> Microkernel {
    let k = crate::isa::kernel::<f64>();
    let (isa, lanes) = match k.arch {
        crate::arch::Arch::Avx512 => ("avx512", 8),
        crate::arch::Arch::Avx2 => ("avx2", 4),
        crate::arch::Arch::Scalar => ("scalar", 1),
    };
    Microkernel {
        isa,
        mr: k.blocks.mr,
        nr: k.blocks.nr,
        kc: k.blocks.kc,
        lanes,
    }
}

/// One microkernel call: `C <- C - A B` for packed panels `a` (`k` slivers of `mr`)
/// and `b` (`k` slivers of `nr`) and a full `mr x nr` tile `c` (column-major, `ld = mr`).
pub fn run_microkernel(k: usize, a: &[f64], b: &[f64], c: &mut [f64]) -> Result<(), Error> {
    let kern = crate::isa::kernel::<f64>();
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
        alpha: -1.0,
        beta: 1.0,
    };
    // SAFETY: the lengths were checked against k, mr and nr just above, and `kern`
    // came from `isa::kernel`, which only returns kernels the CPU supports.
    unsafe { (kern.run)(&tile) };
    Ok(())
}
