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
//! The kernel is chosen once per process (a plain atomic, which a fork cannot leave
//! half-initialised) and can be forced down with `FORKLU_ARCH=avx2|scalar`.

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod detect;
mod scalar;

use crate::config::{AVX2_BLOCKS, AVX512_BLOCKS, GemmBlocks, PREFETCH_C_MIN_K, SCALAR_BLOCKS};
use core::sync::atomic::{AtomicU8, Ordering};

/// An instruction-set level with a microkernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arch {
    Scalar = 1,
    Avx2 = 2,
    Avx512 = 3,
}

/// One register tile's work, as the contract above describes.
pub struct Tile {
    pub k: usize,
    pub a: *const f64,
    pub b: *const f64,
    pub c: *mut f64,
    pub rs: usize,
    pub cs: usize,
    pub m: usize,
    pub n: usize,
    pub alpha: f64,
    pub beta: f64,
}

impl Tile {
    /// Asks for the lines of the tile's C block before the k loop, so they arrive
    /// while it runs instead of stalling the stores after it. Measured on one thread
    /// (GFLOPS): gemm n = 2000, k = 256 50.9 -> 53.4; LU 4000 46.5 -> 48.1, 4000 x
    /// 1000 42.3 -> 43.5. Columns of unit row stride only (the case of every update),
    /// and only for [`PREFETCH_C_MIN_K`] steps or more.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn prefetch_c(&self) {
        use core::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        const LINE_F64: usize = 8;
        if self.rs != 1 || self.m == 0 || self.k < PREFETCH_C_MIN_K {
            return;
        }
        for j in 0..self.n {
            let col = self.c.wrapping_add(j * self.cs).cast_const();
            let last = col.wrapping_add(self.m - 1);
            for r in (0..self.m).step_by(LINE_F64) {
                // SAFETY: a prefetch is only a hint: it never faults, whatever the
                // address, and changes no value.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(col.wrapping_add(r).cast()) };
            }
            // SAFETY: as above.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(last.cast()) };
        }
    }
}

/// A microkernel with the block sizes its packing and loops use.
#[derive(Clone, Copy)]
pub struct Kernel {
    pub arch: Arch,
    pub blocks: GemmBlocks,
    /// # Safety
    /// The tile's panels hold `k` slivers as the contract says, `m <= mr`, `n <= nr`,
    /// and `c` addresses a valid `m x n` block with strides `rs`, `cs`; the CPU
    /// supports `arch` (guaranteed by [`kernel`] and [`kernel_for`]).
    pub run: unsafe fn(&Tile),
    /// A vectorised solve for `trsm`'s small unit-lower diagonal blocks, where the
    /// level has one (the generic loop serves the others).
    pub lower_solve: Option<LowerSolve>,
}

/// `B <- L^-1 B` for a unit lower triangle of order `n <= rows` and `B` of `n` rows
/// and `cols` columns or fewer, contiguous down each column. Each column's result is
/// the same however the columns are grouped.
#[derive(Clone, Copy)]
pub struct LowerSolve {
    pub rows: usize,
    pub cols: usize,
    /// `(n, t, ldt, b, ldb, cols)`.
    ///
    /// # Safety
    /// `t` holds the `n x n` triangle (column stride `ldt`; only entries below the
    /// diagonal are read), `b` an `n x cols` block (column stride `ldb`), and the
    /// CPU supports the kernel's level (guaranteed by [`kernel`] and [`kernel_for`]).
    pub run: unsafe fn(usize, *const f64, usize, *mut f64, usize, usize),
}

/// What the CPU supports and what this process uses, as `Arch as u8` (0: not yet
/// looked). Plain atomics: a fork cannot leave them half-written, and CPUID (a trap
/// to the hypervisor in a VM) runs once per process, not per call.
static SUPPORTED: AtomicU8 = AtomicU8::new(0);
static CHOSEN: AtomicU8 = AtomicU8::new(0);

fn from_u8(v: u8) -> Arch {
    match v {
        3 => Arch::Avx512,
        2 => Arch::Avx2,
        _ => Arch::Scalar,
    }
}

/// The best level this CPU and OS support.
fn supported() -> Arch {
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

/// The best kernel this CPU supports (or the one `FORKLU_ARCH` forces down to).
pub fn kernel() -> Kernel {
    let arch = match CHOSEN.load(Ordering::Relaxed) {
        0 => {
            let a = choose();
            CHOSEN.store(a as u8, Ordering::Relaxed);
            a
        }
        v => from_u8(v),
    };
    kernel_for(arch).unwrap_or(SCALAR)
}

/// True when this process runs the AVX-512 kernels, so code compiled a second time
/// with AVX-512 enabled (the `getf2` leaf, the packing loops) may run.
pub fn avx512_chosen() -> bool {
    kernel().arch == Arch::Avx512
}

/// The kernel for `arch`, if this CPU (and OS) supports it.
pub fn kernel_for(arch: Arch) -> Option<Kernel> {
    if arch > supported() {
        return None;
    }
    match arch {
        Arch::Scalar => Some(SCALAR),
        #[cfg(target_arch = "x86_64")]
        Arch::Avx2 => Some(Kernel {
            arch,
            blocks: AVX2_BLOCKS,
            run: avx2::run,
            lower_solve: None,
        }),
        #[cfg(target_arch = "x86_64")]
        Arch::Avx512 => Some(Kernel {
            arch,
            blocks: AVX512_BLOCKS,
            run: avx512::run,
            lower_solve: Some(LowerSolve {
                rows: avx512::SOLVE_ROWS,
                cols: avx512::SOLVE_COLS,
                run: avx512::solve,
            }),
        }),
        #[cfg(not(target_arch = "x86_64"))]
        _ => None,
    }
}

const SCALAR: Kernel = Kernel {
    arch: Arch::Scalar,
    blocks: SCALAR_BLOCKS,
    run: scalar::run,
    lower_solve: None,
};

fn choose() -> Arch {
    let best = supported();
    let mut buf = [0u8; 16];
    let forced = match crate::sys::getenv(c"FORKLU_ARCH", &mut buf).map(|n| &buf[..n]) {
        Some(b"scalar") => Arch::Scalar,
        Some(b"avx2") => Arch::Avx2,
        _ => Arch::Avx512,
    };
    best.min(forced)
}

#[cfg(test)]
mod tests;
