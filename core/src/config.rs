//! Every tunable of the library in one place.

/// Block sizes and cut-offs of the factorization. `default()` is what the library
/// uses; tests shrink the values so recursion and blocking paths run on small inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuning {
    /// Panels at most this wide are factored by the unblocked kernel (`getf2`).
    pub lu_leaf: usize,
    /// Diagonal block order of the blocked triangular solve.
    pub trsm_block: usize,
    /// Column block of `getri` (LAPACK's `ilaenv` value for `DGETRI` is 64).
    pub getri_block: usize,
}

impl Tuning {
    /// The values used by the public entry points.
    pub const DEFAULT: Tuning = Tuning {
        lu_leaf: 16,
        trsm_block: 64,
        getri_block: 64,
    };
}

impl Default for Tuning {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Columns swapped together by `laswp`, so a block of rows stays in cache.
pub const LASWP_COLUMN_BLOCK: usize = 32;

/// Smallest `x` with `1 / x` finite (LAPACK `dlamch('S')`): below it `getf2`
/// divides by the pivot instead of multiplying by its reciprocal.
pub const SAFE_MIN: f64 = f64::MIN_POSITIVE;

/// Worker slots in the static pool; a call uses at most `MAX_SLOTS + 1` threads.
pub const MAX_SLOTS: usize = 64;

/// Rounds of exponential `spin_loop` back-off before a waiting thread yields, and
/// before an idle worker sleeps on its futex (parking_lot-style bounded spin).
pub const SPIN_ROUNDS: u32 = 10;

/// Columns per task of a parallel update. The task grid depends only on the matrix
/// shape, never on the thread count, so results are bit-identical for any count.
pub const TASK_COLUMNS: usize = 96;

/// Updates with fewer flops than this run on the caller's thread without touching the
/// pool: waking workers costs more than it saves (OpenBLAS uses m*n >= 10000).
pub const PARALLEL_MIN_FLOPS: usize = 1 << 21;
