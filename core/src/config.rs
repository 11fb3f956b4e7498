//! Every tunable of the library, each with a line on what it means. Why a value is what
//! it is (the measurements) is in `bench/results/tuning.md` and the commit that set it.

// ---------------------------------------------------------------------------------------
// The factorization's shape choices, which tests shrink to reach every path.

/// Block sizes and cut-offs of the LU family. [`Tuning::DEFAULT`] is what the library
/// uses; tests shrink the values so the recursion and blocking paths run on small inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuning {
    /// Whether, and how wide, `getrf` factors in look-ahead panels.
    pub panels: Panels,
    /// Where the blocked `getrf` applies each panel's row swaps to the columns left of it.
    pub left_swaps: LeftSwaps,
    /// Panels at most this wide are factored by the unblocked leaf (`getf2`).
    pub lu_leaf: usize,
    /// The leaf width for panels of at most [`SHORT_PANEL_ROWS`] rows.
    pub short_leaf: usize,
    /// Diagonal block order of the blocked triangular solve.
    pub trsm_block: usize,
    /// Column block of `getri` (LAPACK's `ilaenv` value for `DGETRI` is 64).
    pub getri_block: usize,
    /// The caches the GEMM blocks are sized for ([`fit_blocks`]).
    pub caches: CacheSizes,
}

/// Which cache sizes [`fit_blocks`] sizes the GEMM blocks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheSizes {
    /// What the CPU reports (CPUID), with [`DEFAULT_CACHES`] for what it does not.
    Detected,
    /// These (tests make them tiny so `kc`, `mc` and `nc` split small products).
    Given(Caches),
}

/// How `getrf` splits a matrix into panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panels {
    /// [`lookahead_panel`] decides from the shape.
    Auto,
    /// Recursion only (LAPACK `dgetrf2`'s split), no look-ahead panels.
    Never,
    /// Panels of this many columns whenever `min(m, n)` exceeds twice it.
    Width(usize),
}

/// When the blocked `getrf` applies a panel's row swaps to the finished columns left of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftSwaps {
    /// In each step, beside the update.
    InSteps,
    /// In one parallel pass after the last step.
    AtEnd,
    /// At the end when `min(m, n)` is at least this, else in the steps.
    AtEndFrom(usize),
}

impl LeftSwaps {
    /// True when a factorization with `min(m, n) = k` applies them at the end.
    pub fn at_end(self, k: usize) -> bool {
        match self {
            LeftSwaps::InSteps => false,
            LeftSwaps::AtEnd => true,
            LeftSwaps::AtEndFrom(order) => k >= order,
        }
    }
}

impl Tuning {
    /// The values used by the public entry points.
    pub const DEFAULT: Tuning = Tuning {
        panels: Panels::Auto,
        left_swaps: LeftSwaps::AtEndFrom(768),
        lu_leaf: 8,
        short_leaf: 16,
        trsm_block: 16,
        getri_block: 64,
        caches: CacheSizes::Detected,
    };
}

impl Default for Tuning {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Panel width of the blocked, look-ahead LU of an `m x n` matrix, or `None` to factor
/// it by recursion alone: square-ish shapes (neither side more than twice the other)
/// with at least three panels, about eight panels a multiple of 64 wide, 64 to 256.
pub fn lookahead_panel(m: usize, n: usize) -> Option<usize> {
    let k = m.min(n);
    let width = (k / 8 / 64 * 64).clamp(64, 256);
    (m.max(n) <= 2 * k && k > 2 * width).then_some(width)
}

/// Panels with at most this many rows take [`Tuning::short_leaf`]: 256 rows x 16
/// columns of `f64` is 32 KiB, an L1 data cache, where a wider leaf saves recursion.
pub const SHORT_PANEL_ROWS: usize = 256;

// ---------------------------------------------------------------------------------------
// Parallel work: the task grids (shape-only, so the bits do not depend on the thread
// count) and when to use the pool at all.

/// Updates with fewer flops than this run on the caller's thread without the pool.
pub const PARALLEL_MIN_FLOPS: usize = 1 << 18;

/// Widest column task of a parallel update: each task packs A again, so one task's
/// packed A should serve many columns (the AVX-512 kernel's `nc`).
const MAX_TASK_COLUMNS: usize = 768;

/// Width of the tasks a parallel update of `cols` columns is cut into: a multiple of
/// four equal tasks (one, two or four threads get equal shares), each a multiple of 8,
/// 32 to [`MAX_TASK_COLUMNS`] wide.
pub fn task_columns(cols: usize) -> usize {
    let tasks = 4 * cols.div_ceil(4 * MAX_TASK_COLUMNS).max(1);
    cols.div_ceil(tasks)
        .next_multiple_of(8)
        .clamp(32, MAX_TASK_COLUMNS)
}

/// Task `i` of a look-ahead step's update of `cols` columns, as `(first column, width)`,
/// `None` past the last: each takes a quarter of the columns still left (a multiple of
/// 8, at most [`MAX_TASK_COLUMNS`], at least `cols / 16` and 32), so the tasks shrink
/// and the threads finish together however long the look-ahead panel took.
pub fn guided_task(cols: usize, i: usize) -> Option<(usize, usize)> {
    let mut start = 0;
    for _ in 0..i {
        start += guided_width(cols, cols - start);
    }
    (start < cols).then(|| (start, guided_width(cols, cols - start)))
}

/// Number of tasks in [`guided_task`]'s grid.
pub fn guided_tasks(cols: usize) -> usize {
    let (mut start, mut tasks) = (0, 0);
    while start < cols {
        start += guided_width(cols, cols - start);
        tasks += 1;
    }
    tasks
}

fn guided_width(cols: usize, left: usize) -> usize {
    let least = (cols / 16).next_multiple_of(8).max(32);
    (left / 4)
        .next_multiple_of(8)
        .clamp(least.min(MAX_TASK_COLUMNS), MAX_TASK_COLUMNS)
        .min(left)
}

/// Height of the row blocks a tall product is cut into for `threads` threads: one
/// block per thread (each packs the small operand again), whole register tiles, at
/// least one `mc` block. This grid may follow the thread count: every product element
/// is computed the same way in any row grid, so only the speed changes.
pub fn task_rows(rows: usize, threads: usize, blk: GemmBlocks) -> usize {
    rows.div_ceil(threads.max(1))
        .next_multiple_of(blk.mr)
        .max(blk.mc)
}

/// Row parts a look-ahead step's shared packed `L21` is packed in: this many `mc` blocks each.
pub const SHARED_PACK_PART_BLOCKS: usize = 4;

// ---------------------------------------------------------------------------------------
// The pool.

/// Worker slots in the static pool; a call uses at most `MAX_SLOTS + 1` threads.
pub const MAX_SLOTS: usize = 64;

/// Rounds of exponential `spin_loop` back-off (1, 2, 4, ... hints) before a waiting
/// thread yields its CPU.
pub const SPIN_ROUNDS: u32 = 10;

/// An idle worker checks for its next job every [`IDLE_SPIN_PAUSES`] spin hints, this
/// many times, before it sleeps on its futex (the next step of a call must find it
/// awake: waking one costs as much as a small step).
pub const IDLE_SPIN_CHECKS: u32 = 128;
/// Spin hints between two checks of an idle worker.
pub const IDLE_SPIN_PAUSES: u32 = 32;

/// Static packing buffers (seats), claimed per product; a caller finding none free
/// waits for one (each holder finishes its product without waiting on anything).
pub const PACK_SEATS: usize = 32;

/// Bytes of the one static buffer for a look-ahead step's `L21`, packed once for all
/// its column tasks (4096 rows of a 256-wide `f64` panel: enough for n = 4000).
pub const SHARED_A_BYTES: usize = 4096 * 256 * 8;

// ---------------------------------------------------------------------------------------
// The kernels of each instruction set.

/// Register tile and cache blocks of one GEMM microkernel: the kernel keeps an
/// `mr x nr` tile of C in registers; `kc` is the depth of a packed panel (an
/// `nr`-column strip of B stays in L1), `mc` the rows of packed A kept in L2, `nc` the
/// columns of packed B. Results depend on `kc` (the sum is split at its multiples),
/// never on `mc` or `nc`. In the tables below `kc`, `mc` and `nc` are the largest
/// values (the static packing buffers hold them); [`fit_blocks`] picks the values for
/// the caches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GemmBlocks {
    pub mr: usize,
    pub nr: usize,
    pub kc: usize,
    pub mc: usize,
    pub nc: usize,
}

/// The order and column count of the unit-lower solve a kernel family vectorises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SolveShape {
    pub rows: usize,
    pub cols: usize,
}

/// What one instruction set's kernels use. Complex products run on the real kernels
/// of their parts (`f32` for `C32`, `f64` for `C64`), so these two tables serve all
/// four element types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsaTable {
    pub f64: GemmBlocks,
    pub f32: GemmBlocks,
    /// The vectorised diagonal-block solve of `trsm` for `f64`, where the set has one.
    pub lower_solve: Option<SolveShape>,
}

/// AVX-512F: `f64` in a 24 x 8 tile of 24 zmm accumulators (A 144 x 256 in L2, a B
/// strip 256 x 8 in L1, B 256 x 768 in L3), `f32` in a 48 x 8 tile of the same bytes;
/// a 16 x 8 masked solve.
pub const AVX512: IsaTable = IsaTable {
    f64: GemmBlocks {
        mr: 24,
        nr: 8,
        kc: 256,
        mc: 144,
        nc: 768,
    },
    f32: GemmBlocks {
        mr: 48,
        nr: 8,
        kc: 512,
        mc: 144,
        nc: 768,
    },
    lower_solve: Some(SolveShape { rows: 16, cols: 8 }),
};

/// AVX2 + FMA: `f64` in an 8 x 6 tile of 12 ymm accumulators, `f32` in a 16 x 6 one;
/// an 8 x 4 solve (four columns across a ymm, one register per row).
pub const AVX2: IsaTable = IsaTable {
    f64: GemmBlocks {
        mr: 8,
        nr: 6,
        kc: 256,
        mc: 144,
        nc: 768,
    },
    f32: GemmBlocks {
        mr: 16,
        nr: 6,
        kc: 512,
        mc: 144,
        nc: 192,
    },
    lower_solve: Some(SolveShape { rows: 8, cols: 4 }),
};

/// Portable: a 4 x 4 tile, plain multiply and add; the oracle of the others.
pub const SCALAR: IsaTable = IsaTable {
    f64: GemmBlocks {
        mr: 4,
        nr: 4,
        kc: 256,
        mc: 144,
        nc: 192,
    },
    f32: GemmBlocks {
        mr: 4,
        nr: 4,
        kc: 256,
        mc: 144,
        nc: 192,
    },
    lower_solve: None,
};

/// One core's caches in bytes: L1 data, L2, and its share of L3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caches {
    pub l1d: usize,
    pub l2: usize,
    pub l3: usize,
}

/// What a CPU that reports no cache sizes is assumed to have (any x86 core since 2017
/// has at least these).
pub const DEFAULT_CACHES: Caches = Caches {
    l1d: 32 << 10,
    l2: 512 << 10,
    l3: 2 << 20,
};

/// Percent of L2 the packed A block (`mc x kc`) takes; the rest holds the streamed B
/// slivers and C tiles.
pub const MC_L2_PERCENT: usize = 30;

/// `kc` is a multiple of this (and at least this).
pub const KC_STEP: usize = 16;

/// The blocks of a kernel whose `mr x nr` tile and largest `kc`, `mc`, `nc` are
/// `table`, for reals of `real_bytes` bytes and these caches:
/// - `kc`: an `nr`-column strip of packed B, `kc x nr`, fills half of L1 (the other
///   half holds the A sliver and C tile in flight);
/// - `mc`: the packed A block, `mc x kc`, fills [`MC_L2_PERCENT`] of L2;
/// - `nc`: the packed B block, `kc x nc`, fills half of the core's L3 share;
///
/// each rounded down to a multiple of its step (`KC_STEP`, `mr`, `nr`), at least one
/// step, and at most the table's value.
pub const fn fit_blocks(table: GemmBlocks, real_bytes: usize, caches: Caches) -> GemmBlocks {
    let b = if real_bytes == 0 { 1 } else { real_bytes };
    let kc = fit(caches.l1d / 2 / (table.nr * b), KC_STEP, table.kc);
    let mc = fit(
        caches.l2 / 100 * MC_L2_PERCENT / (kc * b),
        table.mr,
        table.mc,
    );
    let nc = fit(caches.l3 / 2 / (kc * b), table.nr, table.nc);
    GemmBlocks {
        mr: table.mr,
        nr: table.nr,
        kc,
        mc,
        nc,
    }
}

/// `x` rounded down to a multiple of `step`, from `step` up to `most` (itself a multiple).
const fn fit(x: usize, step: usize, most: usize) -> usize {
    let x = x / step * step;
    if x < step {
        step
    } else if x > most {
        most
    } else {
        x
    }
}

/// Microkernel calls with a shorter k loop do not prefetch their C tile first.
pub const PREFETCH_C_MIN_K: usize = 96;

/// Bytes of a seat's A buffer: the largest `mc x kc` panel of any kernel, in whole tiles.
pub const PACK_A_BYTES: usize = max(a_bytes(AVX512), max(a_bytes(AVX2), a_bytes(SCALAR)));
/// Bytes of a seat's B buffer: the largest `kc x nc` panel of any kernel, in whole tiles.
pub const PACK_B_BYTES: usize = max(b_bytes(AVX512), max(b_bytes(AVX2), b_bytes(SCALAR)));

const fn a_bytes(t: IsaTable) -> usize {
    let (d, s) = (t.f64, t.f32);
    max((d.mc + d.mr) * d.kc * 8, (s.mc + s.mr) * s.kc * 4)
}

const fn b_bytes(t: IsaTable) -> usize {
    let (d, s) = (t.f64, t.f32);
    max(d.kc * (d.nc + d.nr) * 8, s.kc * (s.nc + s.nr) * 4)
}

const fn max(x: usize, y: usize) -> usize {
    if x > y { x } else { y }
}

// Every table is usable: the shared L21 buffer's row parts start on register tiles,
// and complex products (two real rows and two real steps per complex one) split only
// between whole complex numbers.
const _: () = {
    let blocks = [
        AVX512.f64, AVX512.f32, AVX2.f64, AVX2.f32, SCALAR.f64, SCALAR.f32,
    ];
    let mut i = 0;
    while i < blocks.len() {
        let g = blocks[i];
        assert!(g.mr > 0 && g.nr > 0 && g.kc > 0);
        assert!(g.mc.is_multiple_of(g.mr) && g.nc.is_multiple_of(g.nr));
        assert!(g.mr.is_multiple_of(2) && g.kc.is_multiple_of(KC_STEP));
        i += 1;
    }
};

// ---------------------------------------------------------------------------------------
// Level-1 details.

/// Most columns `laswp` swaps together, so a block of rows stays in L1.
pub const LASWP_COLUMN_BLOCK: usize = 16;

/// Bytes of one way of the L1 data cache (64 sets of 64-byte lines): addresses this far
/// apart share a set, so `laswp` narrows its column blocks for strides that collide.
pub const L1_WAY_BYTES: usize = 4096;

/// Running maxima `iamax` keeps in parallel (one AVX-512 register of `f64`).
pub const IAMAX_LANES: usize = 8;

/// Columns shorter than this take `iamax`'s plain scan.
pub const IAMAX_LANED_FROM: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guided_grid_covers_every_column_once_in_shrinking_tasks() {
        for cols in [1, 7, 31, 32, 33, 100, 448, 1000, 3488, 5000] {
            let tasks = guided_tasks(cols);
            let mut next = 0;
            let mut last_width = usize::MAX;
            for i in 0..tasks {
                let (start, width) = guided_task(cols, i).expect("task in the grid");
                assert_eq!(start, next, "cols {cols} task {i}");
                assert!(
                    width > 0 && width <= MAX_TASK_COLUMNS && width <= last_width,
                    "cols {cols}"
                );
                assert!(
                    width % 8 == 0 || start + width == cols,
                    "cols {cols} task {i}"
                );
                (next, last_width) = (start + width, width);
            }
            assert_eq!(next, cols);
            assert_eq!(guided_task(cols, tasks), None);
        }
    }

    #[test]
    fn lookahead_only_for_square_ish_shapes_with_three_panels() {
        assert_eq!(lookahead_panel(128, 128), None);
        assert_eq!(lookahead_panel(256, 256), Some(64));
        assert_eq!(lookahead_panel(2000, 2000), Some(192));
        assert_eq!(lookahead_panel(4000, 4000), Some(256));
        assert_eq!(lookahead_panel(4000, 1000), None);
        assert_eq!(lookahead_panel(1000, 2000), Some(64));
    }

    /// The fitted blocks stay inside the tables (the packing buffers) and on their
    /// steps for any cache sizes, and reproduce the tables on the caches they were
    /// measured with (AMD EPYC, family 25 model 17: 32 KiB, 1 MiB, 16 MiB a core).
    #[test]
    fn fitted_blocks_stay_in_the_tables() {
        let epyc = Caches {
            l1d: 32 << 10,
            l2: 1 << 20,
            l3: 16 << 20,
        };
        assert_eq!(fit_blocks(AVX512.f64, 8, epyc), AVX512.f64);
        assert_eq!(fit_blocks(AVX512.f32, 4, epyc), AVX512.f32);
        assert_eq!(fit_blocks(AVX2.f64, 8, epyc), AVX2.f64);
        for t in [AVX512, AVX2, SCALAR] {
            for (g, size) in [(t.f64, 8), (t.f32, 4)] {
                for l1d in [0, 1000, 16 << 10, 32 << 10, 48 << 10, 1 << 30] {
                    for l2 in [0, 64 << 10, 256 << 10, 512 << 10, 2 << 20, 1 << 30] {
                        let c = Caches {
                            l1d,
                            l2,
                            l3: 4 * l2,
                        };
                        let f = fit_blocks(g, size, c);
                        assert_eq!((f.mr, f.nr), (g.mr, g.nr));
                        assert!(f.kc >= KC_STEP && f.kc <= g.kc && f.kc.is_multiple_of(KC_STEP));
                        assert!(f.mc >= g.mr && f.mc <= g.mc && f.mc.is_multiple_of(g.mr));
                        assert!(f.nc >= g.nr && f.nc <= g.nc && f.nc.is_multiple_of(g.nr));
                    }
                }
            }
        }
    }

    #[test]
    fn packing_buffers_hold_every_kernels_panels() {
        for t in [AVX512, AVX2, SCALAR] {
            for (g, size) in [(t.f64, 8), (t.f32, 4)] {
                assert!((g.mc + g.mr) * g.kc * size <= PACK_A_BYTES);
                assert!(g.kc * (g.nc + g.nr) * size <= PACK_B_BYTES);
            }
        }
        assert_eq!(PACK_A_BYTES, (144 + 48) * 512 * 4);
    }
}
