//! Every tunable of the library in one place.

/// Block sizes and cut-offs of the factorization. `default()` is what the library
/// uses; tests shrink the values so recursion and blocking paths run on small inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuning {
    /// Panel width of the blocked, look-ahead factorization, which is used when
    /// `min(m, n)` exceeds twice it (`Some(0)`: never). `None`: [`lookahead_panel`].
    pub panel: Option<usize>,
    /// Blocked factorizations with `min(m, n)` at least this apply each panel's row
    /// swaps to the columns left of it in one pass at the end, parallel over the
    /// panels: each finished column comes into cache once instead of once per step.
    /// Smaller ones do it in the steps, where it overlaps the update. Measured, 2
    /// threads, in the steps -> at the end: n = 512 52.5 -> 50.8 GFLOPS, 2000 78.8 -> 82.5,
    /// 4000 88.5 -> 91.2; 1 thread about even.
    pub swaps_at_end: usize,
    /// Panels at most this wide are factored by the unblocked kernel (`getf2`).
    pub lu_leaf: usize,
    /// The same for panels of at most [`SHORT_PANEL_ROWS`] rows, which stay in L1
    /// while `getf2` sweeps them: a wider leaf saves recursion overhead there.
    pub short_leaf: usize,
    /// Diagonal block order of the blocked triangular solve.
    pub trsm_block: usize,
    /// Column block of `getri` (LAPACK's `ilaenv` value for `DGETRI` is 64).
    pub getri_block: usize,
}

impl Tuning {
    /// The values used by the public entry points.
    pub const DEFAULT: Tuning = Tuning {
        panel: None,
        swaps_at_end: 768,
        lu_leaf: 8,
        short_leaf: 16,
        trsm_block: 16,
        getri_block: 64,
    };
}

/// Panel width of the blocked, look-ahead LU of an `m x n` matrix, or `None` to factor
/// it by recursion alone. Blocked: shapes with neither side more than twice the other
/// and at least three panels, about eight panels a multiple of 64 wide, 64 to 256.
/// Measured when it was introduced (GFLOPS, 1 / 2 threads, recursion -> blocked):
/// n = 256 24.8 / 26.2 -> 25.5 / 31.3, 1000 38.2 / 44.4 -> 40.6 / 59.4, 3000
/// 42.6 / 78.0 -> 45.1 / 75.8. Tall
/// shapes did not gain (4000 x 1000: 41.2 / 72.5 -> 36.6 / 66.9 then; with `L21` packed
/// once per step, 1 thread, 41.4 -> 40.6 with 256-column panels).
pub fn lookahead_panel(m: usize, n: usize) -> Option<usize> {
    let k = m.min(n);
    let width = (k / 8 / 64 * 64).clamp(64, 256);
    (m.max(n) <= 2 * k && k > 2 * width).then_some(width)
}

/// Panels with at most this many rows count as short for [`Tuning::short_leaf`]:
/// 256 rows x 16 columns of `f64` is 32 KiB, an L1 data cache. Measured on one
/// thread (GFLOPS, leaf 8 -> 16): n = 16 2.5 -> 3.7, 32 5.9 -> 7.0, 64 10.9 -> 11.8,
/// but 2000 x 500 (tall panels) 37.7 -> 36.3.
pub const SHORT_PANEL_ROWS: usize = 256;

impl Default for Tuning {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Most columns swapped together by `laswp`, so a block of rows stays in L1.
pub const LASWP_COLUMN_BLOCK: usize = 16;

/// Bytes of one way of the L1 data cache (64 sets of 64-byte lines, on the x86-64
/// cores of the last decade): addresses this far apart share a set. `laswp` narrows
/// its column blocks when the column stride makes their lines collide. Measured, ns
/// per element swapped, 16 columns -> fewer: lda 256 (8 columns) 1.14 -> 0.60, lda 512
/// (4 columns; it had been one column at a time) 0.92 -> 0.64.
pub const L1_WAY_BYTES: usize = 4096;

/// Smallest `x` with `1 / x` finite (LAPACK `dlamch('S')`): below it `getf2`
/// divides by the pivot instead of multiplying by its reciprocal.
pub const SAFE_MIN: f64 = f64::MIN_POSITIVE;

/// Worker slots in the static pool; a call uses at most `MAX_SLOTS + 1` threads.
pub const MAX_SLOTS: usize = 64;

/// Rounds of exponential `spin_loop` back-off before a waiting thread yields, and
/// before an idle worker sleeps on its futex (parking_lot-style bounded spin).
pub const SPIN_ROUNDS: u32 = 10;

/// A worker waiting for its next job checks for it every `IDLE_SPIN_PAUSES` spin
/// hints, `IDLE_SPIN_CHECKS` times, before it sleeps: about 110 us here (a hint takes
/// 27 ns on this AMD EPYC). Waking a sleeping worker takes about 30 us on this VM, as
/// long as a whole panel step of a 256 x 256 factorization, so the blocked LU's next
/// step must find its workers still spinning.
pub const IDLE_SPIN_CHECKS: u32 = 128;
pub const IDLE_SPIN_PAUSES: u32 = 32;

/// Width of the tasks a parallel update of `cols` columns is cut into: a multiple of
/// four tasks of equal width (so one, two or four threads get equal shares), each at
/// most 768 columns (each task packs A again, so wider tasks pack it less often; 768
/// is the AVX-512 `nc`), a multiple of 8, at least 32. The grid depends only on the
/// shape, never on the thread count, so results are bit-identical for any count.
pub fn task_columns(cols: usize) -> usize {
    let tasks = 4 * cols.div_ceil(4 * MAX_TASK_COLUMNS).max(1);
    cols.div_ceil(tasks)
        .next_multiple_of(8)
        .clamp(32, MAX_TASK_COLUMNS)
}

/// The column tasks of one look-ahead step's update: task `i` covers
/// `guided_task(cols, i)` = `(first column, width)`, `None` past the last. Each task
/// takes a quarter of the columns still left, so the tasks shrink towards the end and
/// the threads finish together however long the look-ahead panel took. Widths are
/// multiples of 8, at most 768 and at least `cols / 16` (and 32), since a task packs
/// `L21` again when the shared buffer is not free (measured with every task packing,
/// 1 thread, n = 4000: 44.7 -> 45.5 GFLOPS with that floor, against a floor of 32).
/// Shape-only, like [`task_columns`].
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

/// Widest column task of a parallel update: the AVX-512 `nc`, so one task's packed A
/// panel serves all its columns.
const MAX_TASK_COLUMNS: usize = AVX512_BLOCKS.nc;

/// Height of the row blocks a tall trailing product is cut into, for `threads`
/// threads: one block per thread (each block packs the small `B` operand again, so
/// fewer blocks pack it less often), a whole number of AVX-512 register tiles (24
/// rows), at least 144 (the AVX-512 `mc`). Unlike the column grids, this one may
/// follow the thread count: every element of a product is computed the same way in
/// any row grid (see `blas::gemm`), so only the speed changes. Measured on one thread
/// (GFLOPS, a quarter of the rows -> all of them): 2000 x 500 39.2 -> 40.0, 4000 x
/// 1000 42.3 -> 43.1.
pub fn task_rows(rows: usize, threads: usize) -> usize {
    let blk = AVX512_BLOCKS;
    rows.div_ceil(threads.max(1))
        .next_multiple_of(blk.mr)
        .max(blk.mc)
}

/// Updates with fewer flops than this (about 5 us of one core) run on the caller's
/// thread without touching the pool: handing them out costs more than it saves. Workers
/// spin between the steps of a call (see [`IDLE_SPIN_CHECKS`]), so handing out is
/// cheap there, and the small updates inside the panels of an n = 128..512 LU are
/// worth sharing. Measured, 2 threads (GFLOPS, 2^21 -> 2^18 flops): n = 128 18.9 ->
/// 21.1, 256 33.4 -> 36.6, 512 47.5 -> 53.7.
pub const PARALLEL_MIN_FLOPS: usize = 1 << 18;

/// Register-tile and cache-block sizes of one GEMM microkernel family.
///
/// `mr x nr` is the tile the microkernel keeps in registers; `kc` (the depth of one
/// packed panel, sized so an `nr`-column B strip stays in L1), `mc` (rows of packed
/// A kept in L2) and `nc` (columns of packed B) follow from it and the caches. Results
/// depend on `kc` (the summation is split at multiples of it), never on `mc`/`nc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GemmBlocks {
    pub mr: usize,
    pub nr: usize,
    pub kc: usize,
    pub mc: usize,
    pub nc: usize,
}

/// AVX-512F: 24 x 8 tile = 24 zmm accumulators, 3 for A, 1 broadcast of B.
/// A panel 144 x 256 (288 KiB) in a 1 MiB L2, B strip 256 x 8 (16 KiB) in L1, the
/// B panel 256 x 768 (1.5 MiB) in L3: each packed A panel serves 768 columns.
pub const AVX512_BLOCKS: GemmBlocks = GemmBlocks {
    mr: 24,
    nr: 8,
    kc: 256,
    mc: 144,
    nc: 768,
};
/// AVX2 + FMA: 8 x 6 tile = 12 ymm accumulators, 2 for A, 1 broadcast of B.
pub const AVX2_BLOCKS: GemmBlocks = GemmBlocks {
    mr: 8,
    nr: 6,
    kc: 256,
    mc: 144,
    nc: 192,
};
/// Portable: 4 x 4 tile, plain multiply and add.
pub const SCALAR_BLOCKS: GemmBlocks = GemmBlocks {
    mr: 4,
    nr: 4,
    kc: 256,
    mc: 144,
    nc: 192,
};

/// Microkernel calls with a shorter k loop do not prefetch their C tile: the loop
/// ends before the lines could arrive, and with C small enough to stay in cache the
/// prefetches only cost (1 thread, GFLOPS, always -> from k = 128: n = 256 26.9 ->
/// 27.3, 512 32.5 -> 32.8, where the look-ahead panels are 64 wide; 4000 x 1000 43.3 ->
/// 43.8). From 96 rather than 128, the k = 100..127 updates of the panel recursion
/// prefetch too: gemm m = 4000, k = n = 125 42.3 -> 45.6, k = n = 100 40.2 -> 43.6;
/// LU n = 256, 512 and 2000 x 500 unchanged.
pub const PREFETCH_C_MIN_K: usize = 96;

/// Packing buffers of this many `f64` cover the largest `mc x kc` A panel and
/// `kc x nc` B panel of any kernel (rounded up to whole tiles).
pub const PACK_A_LEN: usize = (AVX512_BLOCKS.mc + AVX512_BLOCKS.mr) * AVX512_BLOCKS.kc;
pub const PACK_B_LEN: usize = AVX512_BLOCKS.kc * (AVX512_BLOCKS.nc + AVX512_BLOCKS.nr);
// Every kernel's panels fit the buffers sized for the AVX-512 one.
const _: () = {
    let others = [AVX2_BLOCKS, SCALAR_BLOCKS];
    let mut i = 0;
    while i < others.len() {
        let o = others[i];
        assert!((o.mc + o.mr) * o.kc <= PACK_A_LEN && o.kc * (o.nc + o.nr) <= PACK_B_LEN);
        i += 1;
    }
};

/// Values in the one static buffer that holds a look-ahead step's `L21` packed once for
/// all its column tasks (8 MiB: 4096 rows of a 256-wide panel, enough for n = 4000).
/// Larger panels, or a second caller while one holds it, pack `L21` in every task.
pub const SHARED_A_LEN: usize = 4096 * 256;

/// Static packing buffers, claimed per `gemm` call; a caller finding none free waits
/// for one (each holder finishes its `gemm` without waiting on anything).
pub const PACK_SEATS: usize = 32;

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
}
