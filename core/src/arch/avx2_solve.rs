//! AVX2 + FMA unit-lower solve for `trsm`'s diagonal blocks (`f64`): `B <- L^-1 B` for
//! up to [`SOLVE_ROWS`] rows and [`SOLVE_COLS`] columns, the contract of `LowerSolve`.
//!
//! The block is turned on its side: four columns of `B` become one ymm per row (a 4 x 4
//! transpose per four rows), so step `k` of the forward substitution updates every row
//! below `k` with one broadcast of `L(i, k)` and one fused multiply-subtract for all four
//! columns, and `B(k, j)` needs no lane extraction. The row count is a constant of each
//! instance (`rows::<N>`), so the rows stay in registers.

use crate::config::AVX2;
use core::arch::x86_64::*;

/// Rows of the diagonal block it takes.
const SOLVE_ROWS: usize = match AVX2.lower_solve {
    Some(s) => s.rows,
    None => 0,
};
/// Columns of `B` per call: the four lanes of a ymm.
const SOLVE_COLS: usize = match AVX2.lower_solve {
    Some(s) => s.cols,
    None => 0,
};
const _: () = assert!(
    SOLVE_COLS == 4 && SOLVE_ROWS >= 1 && SOLVE_ROWS <= 8,
    "one ymm of four columns per row, the rows and the temporaries in 16 registers"
);

/// `B <- L^-1 B` for the unit lower triangle `L` of order `n <= SOLVE_ROWS` at `t`
/// (column stride `ldt`; only entries strictly below the diagonal are read) and `B`,
/// `n x cols` with `cols <= SOLVE_COLS`, at `b` (column stride `ldb`, unit row stride).
/// Forward substitution as reference `dtrsm` orders it, `B(i, j) -= B(k, j) L(i, k)` for
/// `k = 0, 1, ...`, fused, and skipped where `B(k, j)` is zero (so an infinite
/// `L(i, k)` cannot turn a zero into NaN): the AVX-512 solve's arithmetic.
///
/// # Safety
/// `t` and `b` address the stated blocks; the CPU supports AVX2 and FMA (checked by
/// dispatch).
pub unsafe fn solve(n: usize, t: *const f64, ldt: usize, b: *mut f64, ldb: usize, cols: usize) {
    debug_assert!(n <= SOLVE_ROWS && cols <= SOLVE_COLS);
    // SAFETY: forwarded contract, for the instance of this n.
    unsafe {
        match n {
            0 => {}
            1 => {} // one row: nothing below the diagonal
            2 => rows::<2>(t, ldt, b, ldb, cols),
            3 => rows::<3>(t, ldt, b, ldb, cols),
            4 => rows::<4>(t, ldt, b, ldb, cols),
            5 => rows::<5>(t, ldt, b, ldb, cols),
            6 => rows::<6>(t, ldt, b, ldb, cols),
            7 => rows::<7>(t, ldt, b, ldb, cols),
            _ => rows::<8>(t, ldt, b, ldb, cols),
        }
    }
}

/// Lane mask (as `maskload` takes it) of the rows `r0..r0 + 4` below `n`.
#[inline]
#[target_feature(enable = "avx2")]
fn rows_below(r0: usize, n: usize) -> __m256i {
    let lane = |l: usize| if r0 + l < n { -1i64 } else { 0 };
    _mm256_setr_epi64x(lane(0), lane(1), lane(2), lane(3))
}

/// The 4 x 4 transpose: `v[j]` lane `i` becomes lane `j` of the result's `i`.
#[inline]
#[target_feature(enable = "avx2")]
fn transpose(v: [__m256d; 4]) -> [__m256d; 4] {
    let t0 = _mm256_unpacklo_pd(v[0], v[1]);
    let t1 = _mm256_unpackhi_pd(v[0], v[1]);
    let t2 = _mm256_unpacklo_pd(v[2], v[3]);
    let t3 = _mm256_unpackhi_pd(v[2], v[3]);
    [
        _mm256_permute2f128_pd::<0x20>(t0, t2),
        _mm256_permute2f128_pd::<0x20>(t1, t3),
        _mm256_permute2f128_pd::<0x31>(t0, t2),
        _mm256_permute2f128_pd::<0x31>(t1, t3),
    ]
}

/// [`solve`] for `N` rows.
///
/// # Safety
/// As [`solve`], with `n = N`.
#[inline]
#[target_feature(enable = "avx2,fma")]
unsafe fn rows<const N: usize>(t: *const f64, ldt: usize, b: *mut f64, ldb: usize, cols: usize) {
    const { assert!(N <= 8) };
    let cols = cols.min(4);
    // Rows in fours: chunk c holds rows 4c..4c + 4. Missing columns read as ones (live,
    // never stored), missing rows as zeros (never stored).
    let mut row = [_mm256_setzero_pd(); 8];
    let mut c = 0;
    while 4 * c < N {
        let mask = rows_below(4 * c, N);
        let mut v = [_mm256_set1_pd(1.0); 4];
        let mut j = 0;
        while j < cols {
            // SAFETY: column j < cols of B; only rows below N are loaded.
            v[j] = unsafe { _mm256_maskload_pd(b.add(j * ldb + 4 * c), mask) };
            j += 1;
        }
        let r = transpose(v);
        row[4 * c] = r[0];
        row[4 * c + 1] = r[1];
        row[4 * c + 2] = r[2];
        row[4 * c + 3] = r[3];
        c += 1;
    }
    let zero = _mm256_setzero_pd();
    for k in 0..N.saturating_sub(1) {
        let x = row[k];
        // Columns where B(k, j) is not zero (NaN is not zero).
        let live = _mm256_cmp_pd::<_CMP_NEQ_UQ>(x, zero);
        // SAFETY: column k < N of L, rows k + 1..N below the diagonal.
        let col = unsafe { t.add(k * ldt) };
        // Plain index loops over constant bounds: unrolled, the rows stay in registers.
        if _mm256_movemask_pd(live) == 0xf {
            let mut i = k + 1;
            while i < N {
                // SAFETY: as above.
                let l = unsafe { _mm256_broadcast_sd(&*col.add(i)) };
                row[i] = _mm256_fnmadd_pd(l, x, row[i]);
                i += 1;
            }
        } else {
            let mut i = k + 1;
            while i < N {
                // SAFETY: as above.
                let l = unsafe { _mm256_broadcast_sd(&*col.add(i)) };
                row[i] = _mm256_blendv_pd(row[i], _mm256_fnmadd_pd(l, x, row[i]), live);
                i += 1;
            }
        }
    }
    let mut c = 0;
    while 4 * c < N {
        let mask = rows_below(4 * c, N);
        let v = transpose([row[4 * c], row[4 * c + 1], row[4 * c + 2], row[4 * c + 3]]);
        let mut j = 0;
        while j < cols {
            // SAFETY: as for the loads.
            unsafe { _mm256_maskstore_pd(b.add(j * ldb + 4 * c), mask, v[j]) };
            j += 1;
        }
        c += 1;
    }
}
