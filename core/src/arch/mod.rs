//! CPU dispatch and the GEMM microkernels.
//!
//! # Microkernel contract
//! A microkernel computes one `mr x nr` register tile from packed panels:
//! - `a`: `k` slivers of `mr` values, `a[p * mr + i] = A(i, p)`, zero-padded past the
//!   valid rows; `b`: `k` slivers of `nr` values, `b[p * nr + j] = B(p, j)`, zero-padded;
//! - `acc(i, j) = sum over p = 0, 1, ..., k-1 of A(i, p) B(p, j)`, accumulated in that
//!   order (fused multiply-adds in the SIMD kernels), identically for every lane;
//! - for `i < m`, `j < n` only: `C(i, j) <- alpha acc(i, j)` when `beta == 0`, else
//!   `C(i, j) <- fma(alpha, acc(i, j), beta C(i, j))` (SIMD) or the unfused form
//!   (scalar); `C(i, j)` lives at `c + i rs + j cs`. Full and edge tiles use the same
//!   formula, so an element's value does not depend on where it falls in a tile.
//!
//! Which kernel a process uses is `isa`'s choice; this module only says what the CPU
//! supports and hands out a kernel for a level it supports.

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx2_solve;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod detect;
mod scalar;

use crate::config::{self, GemmBlocks, PREFETCH_C_MIN_K};
use crate::scalar::Real;
use core::sync::atomic::{AtomicU8, Ordering};

/// An instruction-set level with a microkernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arch {
    Scalar = 1,
    Avx2 = 2,
    Avx512 = 3,
}

/// One register tile's work, as the contract above describes, on `f32` or `f64`.
pub struct Tile<R> {
    pub k: usize,
    pub a: *const R,
    pub b: *const R,
    pub c: *mut R,
    pub rs: usize,
    pub cs: usize,
    pub m: usize,
    pub n: usize,
    pub alpha: R,
    pub beta: R,
}

impl<R> Tile<R> {
    /// Asks for the lines of the tile's C block before the k loop, so they arrive
    /// while it runs instead of stalling the stores after it. Columns of unit row
    /// stride only (the case of every update), and only for [`PREFETCH_C_MIN_K`] steps
    /// or more.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn prefetch_c(&self) {
        use core::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let line = 64 / size_of::<R>();
        if self.rs != 1 || self.m == 0 || self.k < PREFETCH_C_MIN_K {
            return;
        }
        for j in 0..self.n {
            let col = self.c.wrapping_add(j * self.cs).cast_const();
            let last = col.wrapping_add(self.m - 1);
            for r in (0..self.m).step_by(line) {
                // SAFETY: a prefetch is only a hint: it never faults, whatever the
                // address, and changes no value.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(col.wrapping_add(r).cast()) };
            }
            // SAFETY: as above.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(last.cast()) };
        }
    }
}

/// A microkernel for `R` with the block sizes its packing and loops use.
pub struct Kernel<R> {
    pub arch: Arch,
    pub blocks: GemmBlocks,
    /// # Safety
    /// The tile's panels hold `k` slivers as the contract says, `m <= mr`, `n <= nr`,
    /// and `c` addresses a valid `m x n` block with strides `rs`, `cs`; the CPU
    /// supports `arch` (guaranteed by [`kernel_for`]).
    pub run: unsafe fn(&Tile<R>),
    /// A vectorised solve for `trsm`'s small unit-lower diagonal blocks, where the
    /// level has one (the generic loop serves the others).
    pub lower_solve: Option<LowerSolve<R>>,
}

impl<R> Clone for Kernel<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for Kernel<R> {}

/// `B <- L^-1 B` for a unit lower triangle of order `n <= rows` and `B` of `n` rows
/// and `cols` columns or fewer, contiguous down each column. Each column's result is
/// the same however the columns are grouped.
pub struct LowerSolve<R> {
    pub rows: usize,
    pub cols: usize,
    /// `(n, t, ldt, b, ldb, cols)`.
    ///
    /// # Safety
    /// `t` holds the `n x n` triangle (column stride `ldt`; only entries below the
    /// diagonal are read), `b` an `n x cols` block (column stride `ldb`), and the
    /// CPU supports the kernel's level (guaranteed by [`kernel_for`]).
    pub run: unsafe fn(usize, *const R, usize, *mut R, usize, usize),
}

impl<R> Clone for LowerSolve<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for LowerSolve<R> {}

impl<R> Kernel<R> {
    /// True for the AVX-512 family, whose level-1 and level-2 loops (packing, the LU
    /// leaf) run in a build compiled for AVX-512.
    pub fn is_avx512(&self) -> bool {
        self.arch == Arch::Avx512
    }
}

/// What the CPU supports, as `Arch as u8` (0: not yet looked). A plain atomic: a fork
/// cannot leave it half-written, and CPUID (a trap to the hypervisor in a VM) runs once
/// per process, not per call.
static SUPPORTED: AtomicU8 = AtomicU8::new(0);

/// The level with this `Arch as u8` value.
pub fn from_u8(v: u8) -> Arch {
    match v {
        3 => Arch::Avx512,
        2 => Arch::Avx2,
        _ => Arch::Scalar,
    }
}

/// The best level this CPU and OS support.
pub fn supported() -> Arch {
    match SUPPORTED.load(Ordering::Relaxed) {
        0 => {
            #[cfg(target_arch = "x86_64")]
            let best = detect::best();
            #[cfg(not(target_arch = "x86_64"))]
            let best = Arch::Scalar;
            SUPPORTED.store(best as u8, Ordering::Relaxed);
            best
        }
        v => from_u8(v),
    }
}

/// The cache sizes this CPU reports, `[L1 data, L2, L3 share of one core]` in bytes
/// (see `detect::caches`); `None` where it reports none.
pub fn caches() -> [Option<usize>; 3] {
    #[cfg(target_arch = "x86_64")]
    return detect::caches();
    #[cfg(not(target_arch = "x86_64"))]
    [None; 3]
}

/// The kernel for `arch` and element type `R`, if this CPU (and OS) supports the level.
pub fn kernel_for<R: Real>(arch: Arch) -> Option<Kernel<R>> {
    (arch <= supported()).then(|| R::kernel_at(arch))
}

/// The real types with microkernels, and which kernel serves each level: a supertrait
/// of the sealed `Real`, so every element type has kernels.
pub trait Kernels: Sized {
    /// The kernel for level `arch` (the CPU's support is checked by [`kernel_for`]).
    fn kernel_at(arch: Arch) -> Kernel<Self>;
}

impl Kernels for f64 {
    fn kernel_at(arch: Arch) -> Kernel<f64> {
        match arch {
            #[cfg(target_arch = "x86_64")]
            Arch::Avx512 => Kernel {
                arch,
                blocks: config::AVX512.f64,
                run: avx512::run_f64,
                lower_solve: config::AVX512.lower_solve.map(|shape| LowerSolve {
                    rows: shape.rows,
                    cols: shape.cols,
                    run: avx512::solve,
                }),
            },
            #[cfg(target_arch = "x86_64")]
            Arch::Avx2 => Kernel {
                arch,
                blocks: config::AVX2.f64,
                run: avx2::run_f64,
                lower_solve: config::AVX2.lower_solve.map(|shape| LowerSolve {
                    rows: shape.rows,
                    cols: shape.cols,
                    run: avx2_solve::solve,
                }),
            },
            _ => Kernel {
                arch: Arch::Scalar,
                blocks: config::SCALAR.f64,
                run: scalar::run::<f64>,
                lower_solve: None,
            },
        }
    }
}

impl Kernels for f32 {
    fn kernel_at(arch: Arch) -> Kernel<f32> {
        match arch {
            #[cfg(target_arch = "x86_64")]
            Arch::Avx512 => Kernel {
                arch,
                blocks: config::AVX512.f32,
                run: avx512::run_f32,
                lower_solve: None,
            },
            #[cfg(target_arch = "x86_64")]
            Arch::Avx2 => Kernel {
                arch,
                blocks: config::AVX2.f32,
                run: avx2::run_f32,
                lower_solve: None,
            },
            _ => Kernel {
                arch: Arch::Scalar,
                blocks: config::SCALAR.f32,
                run: scalar::run::<f32>,
                lower_solve: None,
            },
        }
    }
}

#[cfg(test)]
mod tests;

/// Test support: every kernel level this host can run.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Arch, Kernel, kernel_for};

    /// The kernels for `R` of every level this CPU supports; each one it lacks is
    /// reported as `SKIP <test>: ...`, so a host without AVX-512 says what went
    /// unchecked.
    pub fn kernels<R: crate::scalar::Real>(test: &str) -> Vec<Kernel<R>> {
        [Arch::Scalar, Arch::Avx2, Arch::Avx512]
            .into_iter()
            .filter_map(|arch| {
                let k = kernel_for::<R>(arch);
                if k.is_none() {
                    forklu_testkit::skip(
                        &format!("{test} [{arch:?}]"),
                        "this CPU does not support the level",
                    );
                }
                k
            })
            .collect()
    }
}
