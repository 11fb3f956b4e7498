//! LU with partial pivoting: blocked with a look-ahead for square-ish shapes, recursive
//! (LAPACK `dgetrf2`'s split) for the rest and for each panel.

use super::level3::{gemm_sub, trsm};
use super::{Ctx, getf2};
use crate::Error;
use crate::blas::{Diag, Packing, SharedA, Uplo, laswp};
use crate::config::{
    Panels, SHORT_PANEL_ROWS, Tuning, guided_task, guided_tasks, lookahead_panel, task_columns,
    task_rows,
};
use crate::mat::{MatMut, MatRef, Share};
use crate::pivot::Pivot;
use crate::pool::{self, Handoff, Seat, SharedBuffer};
use crate::scalar::{Scalar, flop_weight};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Factors `P A = L U` in place: `L` unit lower (below the diagonal), `U` upper.
///
/// `ipiv[i]` (1-based) is the row swapped with row `i + 1`, for `i < min(m, n)`.
/// `Err(Singular(i))` reports the first exactly-zero `U(i, i)`; the factorization is
/// complete all the same, as with LAPACK's `info = i`.
///
/// ```
/// use forklu::{MatMut, Error, lapack::getrf};
/// let mut a = [1.0, 2.0, 2.0, 4.0]; // rank one
/// let mut ipiv = [0i32; 2];
/// let r = getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv);
/// assert_eq!(r, Err(Error::Singular(2)));
/// assert_eq!(a, [2.0, 0.5, 4.0, 0.0]);
/// ```
pub fn getrf<T: Scalar, P: Pivot>(a: MatMut<'_, T>, ipiv: &mut [P]) -> Result<(), Error> {
    getrf_with(&Tuning::DEFAULT, a, ipiv)
}

/// [`getrf`] with explicit block sizes (tests shrink them to reach every path).
pub fn getrf_with<T: Scalar, P: Pivot>(
    tuning: &Tuning,
    mut a: MatMut<'_, T>,
    ipiv: &mut [P],
) -> Result<(), Error> {
    let k = a.rows().min(a.cols());
    if ipiv.len() < k {
        return Err(Error::PivotsTooShort);
    }
    if a.rows() > P::MAX_ROW {
        return Err(Error::TooLarge);
    }
    let ipiv = &mut ipiv[..k];
    let cx = Ctx::<T::Real>::new(tuning);
    let panel = match tuning.panels {
        Panels::Auto => lookahead_panel(a.rows(), a.cols()),
        Panels::Never => None,
        Panels::Width(w) => (w > 0 && k > 2 * w).then_some(w),
    };
    let zero = match panel {
        Some(w) => blocked(&cx, w, a.rb(), ipiv),
        None => recurse(&cx, a.rb(), ipiv),
    };
    match zero {
        Some(j) => Err(Error::Singular(j + 1)),
        None => Ok(()),
    }
}

/// Right-looking LU over `nb`-wide panels (`nb < min(m, n)`), each factored by
/// [`recurse`], with a look-ahead of one panel: in the parallel call that applies panel
/// `p` to the columns right of it (and, in small factorizations, its row swaps to the
/// columns left of it), the task that updates panel `p + 1`'s columns goes on to
/// factor it while the other tasks do the rest, so the panel (serial, latency-bound)
/// overlaps the update instead of leaving the other cores idle. Returns the first zero
/// pivot's column.
fn blocked<T: Scalar, P: Pivot>(
    cx: &Ctx<T::Real>,
    nb: usize,
    mut a: MatMut<'_, T>,
    ipiv: &mut [P],
) -> Option<usize> {
    let (m, k) = (a.rows(), ipiv.len());
    let first = a
        .rb()
        .block(0, 0, m, nb)
        .unwrap_or_else(|| unreachable!("the first panel fits, as k > nb"));
    let mut zero = recurse(cx, first, &mut ipiv[..nb]);
    let at_end = cx.tuning.left_swaps.at_end(k);
    let mut j = 0;
    while j < k {
        let next = (j + nb).min(k);
        let (left, right) = a.rb().split_cols(j);
        let left = left.split_rows(j).1;
        let left = if at_end { left.split_cols(0).0 } else { left };
        let (done, rest) = ipiv.split_at_mut(next);
        let found = step(
            cx,
            left,
            right.split_rows(j).1,
            &done[j..],
            &mut rest[..nb.min(k - next)],
        );
        zero = zero.or(found.map(|z| z + next));
        offset_pivots(&mut ipiv[j..next], j);
        j = next;
    }
    if at_end {
        let share = Share::new(a);
        let ipiv = &*ipiv;
        pool::run(k.div_ceil(nb) - 1, 4 * k * k, &|q| {
            let below = (q + 1) * nb;
            // SAFETY: each task index is run once and covers its own panel's columns.
            let cols = unsafe { share.cols(q * nb, nb) };
            let width = cols.cols();
            if let Some(mut rows) = cols.block(below, 0, m - below, width) {
                laswp(&mut rows, &ipiv[below..], below);
            }
        });
    }
    zero
}

/// One step of [`blocked`]. `a` starts at a factored panel's diagonal element, `left`
/// is the same rows left of it (or none of them), and `piv` holds the panel's pivots
/// (relative to `a`); the panel is `piv.len()` wide. Applies the panel's row swaps to
/// `left` and the panel to every column right of it, and factors the next panel
/// (`piv_next.len()` columns, pivots relative to it) as soon as its own columns are
/// updated. Returns the next panel's first zero pivot, relative to it.
fn step<T: Scalar, P: Pivot>(
    cx: &Ctx<T::Real>,
    left: MatMut<'_, T>,
    a: MatMut<'_, T>,
    piv: &[P],
    piv_next: &mut [P],
) -> Option<usize> {
    let (w, w2) = (piv.len(), piv_next.len());
    let (m2, n2) = (a.rows() - w, a.cols() - w);
    let (panel, right) = a.split_cols(w);
    let (l11, l21) = panel.split_rows(w);
    let panel = Panel {
        piv,
        l11: l11.into_ref(),
        l21: l21.into_ref(),
    };
    // `L21` is packed once for all the update tasks when the shared buffer is free and
    // large enough; else each update task packs it.
    let rest = n2 - w2;
    let claim = (rest > 0 && m2 > 0).then(SharedBuffer::try_claim).flatten();
    let shared = claim.as_ref().and_then(|c| {
        let (base, len) = c.reals::<T::Real>();
        // SAFETY: the claim gives this call the buffer's `len` values until it drops,
        // after the parallel call below.
        unsafe { SharedA::<T>::new(&cx.kern, base, len, m2, w) }
    });
    let grid = StepGrid {
        ahead: usize::from(w2 > 0),
        packs: shared.as_ref().map_or(0, SharedA::parts),
        swap_width: task_columns(left.cols()),
        swaps: left.cols().div_ceil(task_columns(left.cols())),
        next_width: w2,
        rest,
    };
    let packed = Packed {
        shared: shared.as_ref(),
        done: AtomicUsize::new(0),
        parts: grid.packs,
    };
    let (left, right) = (Share::new(left), Share::new(right));
    let next = Handoff::new(piv_next);
    let zero = AtomicUsize::new(usize::MAX);
    let flops = flop_weight::<T>() * 2 * m2 * w * n2 + 4 * w * grid.swaps * grid.swap_width;
    pool::run(grid.tasks(), flops, &|task| match grid.task(task) {
        StepTask::Pack(part) => packed.pack(panel.l21, part),
        StepTask::SwapLeft(c0) => {
            // SAFETY: each task index is run once and covers its own column range.
            let mut cols = unsafe { left.cols(c0, grid.swap_width) };
            laswp(&mut cols, piv, 0);
        }
        StepTask::Update(c0, cw) => {
            // SAFETY: as above; the update tasks' ranges follow the next panel's.
            let cols = unsafe { right.cols(c0, cw) };
            update(cx, &panel, cols, Some(&packed));
        }
        StepTask::Ahead => {
            // SAFETY: as above; this one task covers the next panel's columns.
            let cols = unsafe { right.cols(0, w2) };
            let a22 = update(cx, &panel, cols, Some(&packed));
            if let Some(p) = next.take()
                && let Some(z) = recurse(cx, a22, p)
            {
                zero.store(z, Ordering::Relaxed);
            }
        }
    });
    let z = zero.load(Ordering::Relaxed);
    (z != usize::MAX).then_some(z)
}

/// A factored panel as a [`step`] applies it: its pivots, `L11` (unit lower) and `L21`.
struct Panel<'p, T, P> {
    piv: &'p [P],
    l11: MatRef<'p, T>,
    l21: MatRef<'p, T>,
}

/// The task grid of one [`step`], which depends only on the shape (the packing tasks
/// change no value). In the order tasks are taken: the `packs` packing parts, the
/// look-ahead task (when there is a next panel; it multiplies by the shared packed
/// `L21` too, so `L21` is packed once a step, not twice), the `swaps` left-swap pieces,
/// then the update tasks of the `rest` columns after the next panel's `next_width`.
struct StepGrid {
    ahead: usize,
    packs: usize,
    swaps: usize,
    swap_width: usize,
    next_width: usize,
    rest: usize,
}

/// What task `i` of a [`step`] does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StepTask {
    /// Update the next panel's columns, then factor that panel.
    Ahead,
    /// Pack row part `p` of `L21` into the shared buffer.
    Pack(usize),
    /// Apply the panel's row swaps to the columns left of it from this one on.
    SwapLeft(usize),
    /// Update `cw` columns of the right block from `c0` on: `(c0, cw)`.
    Update(usize, usize),
}

impl StepGrid {
    fn tasks(&self) -> usize {
        self.ahead + self.packs + self.swaps + guided_tasks(self.rest)
    }

    fn task(&self, i: usize) -> StepTask {
        let mut i = i;
        if i < self.packs {
            return StepTask::Pack(i);
        }
        i -= self.packs;
        if i < self.ahead {
            return StepTask::Ahead;
        }
        i -= self.ahead;
        if i < self.swaps {
            return StepTask::SwapLeft(i * self.swap_width);
        }
        i -= self.swaps;
        let (c0, cw) =
            guided_task(self.rest, i).unwrap_or_else(|| unreachable!("task {i} is in the grid"));
        StepTask::Update(self.next_width + c0, cw)
    }
}

/// The shared packed `L21` of a step, and how many of its parts are packed.
struct Packed<'s, 'k, T: Scalar> {
    shared: Option<&'s SharedA<'k, T>>,
    done: AtomicUsize,
    parts: usize,
}

impl<T: Scalar> Packed<'_, '_, T> {
    /// Packs part `part` (a task of its own, run once) and counts it.
    fn pack(&self, l21: MatRef<'_, T>, part: usize) {
        if let Some(sh) = self.shared {
            // SAFETY: each part is one task, run once; the update tasks read the buffer
            // only after every part has counted itself below.
            unsafe { sh.pack(l21, part) };
        }
        self.done.fetch_add(1, Ordering::Release);
    }
}

/// Applies `panel` to the columns `cols` of the right block: its row swaps, then
/// `A12 <- L11^-1 A12` and `A22 -= L21 A12`, with the shared packed `L21` when there
/// is one. Returns those columns' `A22`.
fn update<'c, T: Scalar, P: Pivot>(
    cx: &Ctx<T::Real>,
    panel: &Panel<'_, T, P>,
    mut cols: MatMut<'c, T>,
    packed: Option<&Packed<'_, '_, T>>,
) -> MatMut<'c, T> {
    laswp(&mut cols, panel.piv, 0);
    let (mut a12, mut a22) = cols.split_rows(panel.piv.len());
    trsm(cx, Uplo::Lower, Diag::Unit, panel.l11, false, &mut a12);
    match packed.and_then(|p| p.shared.map(|sh| (p, sh))) {
        Some((p, sh)) => {
            // Every packing task was taken before this one (tasks are taken in index
            // order) by a thread that finishes it without waiting.
            pool::wait_until(|| p.done.load(Ordering::Acquire) == p.parts);
            let mut seat = Seat::claim();
            let (pa, pb) = seat.buffers();
            let one = T::Real::ONE;
            // SAFETY: all parts are packed, and the acquire above pairs with each
            // packing task's release; nothing packs again in this call.
            unsafe {
                let mut buf = Packing { a: pa, b: pb };
                sh.gemm(-one, panel.l21, a12.as_ref(), one, &mut a22, &mut buf)
            };
        }
        None => gemm_sub(cx, panel.l21, a12.as_ref(), &mut a22),
    }
    a22
}

/// Factors `a` (`m x n`, `ipiv.len() == min(m, n)`), returning the 0-based column of
/// the first zero pivot. Pivots are 1-based and relative to `a`.
fn recurse<T: Scalar, P: Pivot>(
    cx: &Ctx<T::Real>,
    a: MatMut<'_, T>,
    ipiv: &mut [P],
) -> Option<usize> {
    let k = ipiv.len();
    if k == 0 {
        return None;
    }
    let leaf = if a.rows() <= SHORT_PANEL_ROWS {
        cx.tuning.short_leaf
    } else {
        cx.tuning.lu_leaf
    };
    if k <= leaf.max(1) || a.cols() <= leaf {
        return getf2::factor(&cx.kern, a, ipiv);
    }
    // [A11 A12; A21 A22] with A11 of order n1: factor the left panel, update the
    // right one, factor A22, then apply A22's swaps back to the left panel.
    let n1 = k / 2;
    let (mut left, right) = a.split_cols(n1);
    let (piv1, piv2) = ipiv.split_at_mut(n1);
    let zero1 = recurse(cx, left.rb(), piv1);
    let (a11, mut a21) = left.split_rows(n1);
    let a22 = update_right(cx, a11.as_ref(), a21.as_ref(), piv1, right);
    let zero2 = recurse(cx, a22, piv2);
    offset_pivots(piv2, n1);
    laswp(&mut a21, piv2, n1);
    zero1.or(zero2.map(|j| j + n1))
}

/// Pivots of a block that starts `by` rows down, made relative to the whole matrix.
fn offset_pivots<P: Pivot>(piv: &mut [P], by: usize) {
    for p in piv {
        *p = P::from_row(p.row().unwrap_or(1) + by);
    }
}

/// Applies the left panel to the right block `[A12; A22]`: its row swaps, then
/// `A12 <- L11^-1 A12` and `A22 -= A21 A12`. Columns are independent, so the block is
/// cut into a fixed grid of `task_columns`-wide tasks shared by the pool's threads;
/// the grid depends only on the shape, which keeps results identical for any thread count.
/// Returns `A22`.
///
/// Each task's product packs its own copy of `A21`. When `A21` is the larger operand
/// (a tall update, as in every panel of the recursion) the product runs as a second
/// step over `task_rows`-high row blocks of `A22` instead (one per thread), so `A21`
/// is packed once and the smaller `A12` once per block. Each element of the product is
/// computed the same way in either grid.
fn update_right<'a, T: Scalar, P: Pivot>(
    cx: &Ctx<T::Real>,
    a11: MatRef<'_, T>,
    a21: MatRef<'_, T>,
    piv1: &[P],
    right: MatMut<'a, T>,
) -> MatMut<'a, T> {
    let (n1, n2, m2) = (a11.rows(), right.cols(), a21.rows());
    let tall = m2 > n2;
    let width = task_columns(n2);
    let share = Share::new(right);
    let weight = flop_weight::<T>();
    let solve_flops = weight * (n2 * n1 * n1 + if tall { 0 } else { 2 * n2 * n1 * m2 });
    pool::run(n2.div_ceil(width), solve_flops, &|task| {
        // SAFETY: each task index is run once and covers its own column range.
        let mut cols = unsafe { share.cols(task * width, width) };
        laswp(&mut cols, piv1, 0);
        let (mut a12, mut a22) = cols.split_rows(n1);
        trsm(cx, Uplo::Lower, Diag::Unit, a11, false, &mut a12);
        if !tall {
            gemm_sub(cx, a21, a12.as_ref(), &mut a22);
        }
    });
    let (a12, a22) = share.into_inner().split_rows(n1);
    if !tall {
        return a22;
    }
    let height = task_rows(m2, pool::num_threads(), cx.kern.blocks);
    let a12 = a12.into_ref();
    let share = Share::new(a22);
    pool::run(m2.div_ceil(height), weight * 2 * n2 * n1 * m2, &|task| {
        // SAFETY: each task index is run once and covers its own row range.
        let mut rows = unsafe { share.rows(task * height, height) };
        let a21 = a21
            .block(task * height, 0, rows.rows(), n1)
            .unwrap_or_else(|| unreachable!("the row blocks of A22 and A21 match"));
        gemm_sub(cx, a21, a12, &mut rows);
    });
    share.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CacheSizes, Caches, LeftSwaps};
    use forklu_testkit::*;
    use proptest::prelude::*;

    const SMALL: Tuning = Tuning {
        panels: Panels::Width(5),
        left_swaps: LeftSwaps::AtEndFrom(40),
        lu_leaf: 2,
        short_leaf: 3,
        trsm_block: 3,
        getri_block: 3,
        caches: CacheSizes::Given(TINY_CACHES),
    };

    /// Caches so small that every product of a few dozen rows is split in `kc`, `mc`
    /// and `nc` blocks (kc = 16 for every kernel).
    const TINY_CACHES: Caches = Caches {
        l1d: 2048,
        l2: 16 << 10,
        l3: 64 << 10,
    };

    fn check_random(t: &Tuning, m: usize, n: usize, lda_pad: usize, seed: u64) {
        let lda = m + lda_pad;
        let a0 = random_matrix(m.max(1), n, lda.max(1), seed);
        let mut a = a0.clone();
        let mut ipiv = vec![0i32; m.min(n)];
        let r = getrf_with(
            t,
            MatMut::col_major(&mut a, m, n, lda.max(1)).unwrap(),
            &mut ipiv,
        );
        assert_eq!(r, Ok(()), "m={m} n={n}");
        let res = lu_residual(&a0, &a, m, n, lda.max(1), &ipiv);
        assert!(res < 10.0, "m={m} n={n} residual {res}");
        assert_pivots_valid(&ipiv, m);
        assert_l_bounded(&a, m, n, lda.max(1));
        assert_padding_untouched(&a0, &a, m, n, lda.max(1));
    }

    #[test]
    fn block_boundaries_square_and_rectangular() {
        for &n in &[1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129] {
            check_random(&Tuning::DEFAULT, n, n, 0, n as u64);
            check_random(&SMALL, n, n, 3, n as u64);
            check_random(&Tuning::DEFAULT, n + 7, n, 2, n as u64);
            check_random(&SMALL, n, n + 9, 1, n as u64);
        }
    }

    #[test]
    fn matches_textbook_getf2_bit_for_pivots() {
        for &(m, n) in &[(40, 40), (60, 33), (33, 60)] {
            let a0 = random_matrix(m, n, m, 7);
            let (mut a, mut b) = (a0.clone(), a0.clone());
            let (mut p1, mut p2) = (vec![0i64; m.min(n)], vec![0i64; m.min(n)]);
            getrf_with(&SMALL, MatMut::col_major(&mut a, m, n, m).unwrap(), &mut p1).unwrap();
            textbook_getf2(&mut b, m, n, m, &mut p2);
            assert_eq!(p1, p2, "m={m} n={n}");
            let diff = a
                .iter()
                .zip(&b)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f64::max);
            assert!(diff < 1e-10, "m={m} n={n} diff {diff}");
        }
    }

    #[test]
    fn singular_inputs_report_first_zero_pivot() {
        // Zero matrix: every pivot is zero, info = 1, pivots are the identity.
        let mut z = vec![0.0; 25];
        let mut ipiv = [0i32; 5];
        let r = getrf_with(
            &SMALL,
            MatMut::col_major(&mut z, 5, 5, 5).unwrap(),
            &mut ipiv,
        );
        assert_eq!(r, Err(Error::Singular(1)));
        assert_eq!(ipiv, [1, 2, 3, 4, 5]);
        // Third column a copy of the first: U(3,3) is exactly zero in exact arithmetic,
        // and in floating point for this integer matrix.
        let mut a = vec![
            2.0, 1.0, 4.0, 0.0, 1.0, 1.0, 3.0, 0.0, 2.0, 1.0, 4.0, 0.0, 5.0, 6.0, 7.0, 9.0,
        ];
        let mut ipiv = [0i32; 4];
        let r = getrf_with(
            &SMALL,
            MatMut::col_major(&mut a, 4, 4, 4).unwrap(),
            &mut ipiv,
        );
        assert_eq!(r, Err(Error::Singular(3)));
    }

    #[test]
    fn rank_deficient_large_completes() {
        let (m, n) = (70, 70);
        let mut a = random_matrix(m, n, m, 3);
        for i in 0..m {
            a[i + 40 * m] = a[i + 10 * m]; // column 41 repeats column 11
            a[i + 41 * m] = 0.0; // column 42 is zero
        }
        let a0 = a.clone();
        let mut ipiv = vec![0i32; n];
        let r = getrf_with(
            &SMALL,
            MatMut::col_major(&mut a, m, n, m).unwrap(),
            &mut ipiv,
        );
        // Column 42 is zero, so U(42, 42) is exactly zero unless U(41, 41) (of the
        // repeated column) already came out exactly zero.
        assert!(matches!(r, Err(Error::Singular(41 | 42))), "{r:?}");
        assert!(lu_residual(&a0, &a, m, n, m, &ipiv) < 10.0);
        assert_pivots_valid(&ipiv, m);
    }

    /// A zero column makes its own `U(j, j)` the first exact zero, whichever panel (of
    /// the look-ahead or of the recursion) it falls in; the rest is still factored.
    #[test]
    fn zero_column_is_reported_from_any_panel() {
        let blocked = Tuning {
            panels: Panels::Width(5),
            ..SMALL
        };
        let recursive = Tuning {
            panels: Panels::Never,
            ..SMALL
        };
        let default = Tuning::DEFAULT;
        for (t, m, n, zero) in [
            (&blocked, 70, 70, 37),
            (&blocked, 70, 70, 3),
            (&blocked, 90, 60, 59),
            (&recursive, 70, 70, 37),
            (&default, 300, 300, 200),
            (&default, 300, 300, 64),
        ] {
            let mut a = random_matrix(m, n, m, zero as u64);
            a[zero * m..(zero + 1) * m].fill(0.0);
            let a0 = a.clone();
            let mut ipiv = vec![0i32; m.min(n)];
            let r = getrf_with(t, MatMut::col_major(&mut a, m, n, m).unwrap(), &mut ipiv);
            assert_eq!(
                r,
                Err(Error::Singular(zero + 1)),
                "{m}x{n} zero column {zero}"
            );
            let res = lu_residual(&a0, &a, m, n, m, &ipiv);
            assert!(res < 10.0, "{m}x{n} zero column {zero}: residual {res}");
            assert_pivots_valid(&ipiv, m);
        }
    }

    #[test]
    fn nan_and_inf_return() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut a = random_matrix(50, 50, 50, 11);
            a[17 + 50 * 23] = bad;
            a[0] = bad;
            let mut ipiv = vec![0i32; 50];
            let _ = getrf_with(
                &SMALL,
                MatMut::col_major(&mut a, 50, 50, 50).unwrap(),
                &mut ipiv,
            );
            assert_pivots_valid(&ipiv, 50);
        }
    }

    #[test]
    fn row_major_view_factors_the_same_matrix() {
        let n = 37;
        let a0 = random_matrix(n, n, n, 5);
        let mut col = a0.clone();
        let mut row: Vec<f64> = (0..n * n).map(|k| a0[(k % n) * n + k / n]).collect();
        let (mut p1, mut p2) = (vec![0i32; n], vec![0i32; n]);
        getrf(MatMut::col_major(&mut col, n, n, n).unwrap(), &mut p1).unwrap();
        getrf(MatMut::row_major(&mut row, n, n, n).unwrap(), &mut p2).unwrap();
        assert_eq!(p1, p2);
        for i in 0..n {
            for j in 0..n {
                assert!((col[i + j * n] - row[i * n + j]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn short_pivots_and_empty_shapes() {
        let mut a = vec![1.0; 6];
        let mut ipiv = [0i32; 1];
        assert_eq!(
            getrf(MatMut::col_major(&mut a, 2, 3, 2).unwrap(), &mut ipiv),
            Err(Error::PivotsTooShort)
        );
        let mut none: [i32; 0] = [];
        assert_eq!(
            getrf(
                MatMut::<f64>::col_major(&mut [], 0, 3, 1).unwrap(),
                &mut none
            ),
            Ok(())
        );
        assert_eq!(
            getrf(MatMut::col_major(&mut a, 3, 0, 3).unwrap(), &mut none),
            Ok(())
        );
    }

    /// Factors a random `m x n` matrix of `T` and checks info, residual (in `T`'s
    /// epsilon), pivot range, the multipliers' bound and the untouched padding.
    fn check_type<T: Scalar>(t: &Tuning, m: usize, n: usize, pad: usize, seed: u64) {
        use crate::scalar::testing::{lu_residual, matrix, pair};
        let lda = (m + pad).max(1);
        let a0 = matrix::<T>(m, n, lda, seed);
        let mut a = a0.clone();
        let mut ipiv = vec![0i32; m.min(n)];
        let r = getrf_with(t, MatMut::col_major(&mut a, m, n, lda).unwrap(), &mut ipiv);
        assert_eq!(r, Ok(()), "{} {m}x{n}", core::any::type_name::<T>());
        let res = lu_residual(&a0, &a, m, n, lda, &ipiv);
        assert!(
            res < 20.0,
            "{} {m}x{n}: residual {res}",
            core::any::type_name::<T>()
        );
        assert_pivots_valid(&ipiv, m);
        for j in 0..m.min(n) {
            for i in j + 1..m {
                let (re, im) = pair(a[i + j * lda]);
                // |l| <= |a| / |p| <= abs1(a) / (abs1(p) / sqrt 2) <= sqrt 2.
                assert!(re.hypot(im) <= 1.415, "|L({i},{j})| = {}", re.hypot(im));
            }
        }
        for j in 0..n {
            for i in m..lda {
                let (re, im) = pair(a[i + j * lda]);
                assert!(
                    re.is_nan() && im.is_nan() || !T::IS_COMPLEX && re.is_nan(),
                    "padding ({i},{j})"
                );
            }
        }
    }

    fn every_shape<T: Scalar>() {
        for &n in &[1, 2, 3, 15, 16, 17, 33, 64, 65, 129] {
            check_type::<T>(&Tuning::DEFAULT, n, n, 0, n as u64);
            check_type::<T>(&SMALL, n, n, 3, n as u64);
            check_type::<T>(&Tuning::DEFAULT, n + 7, n, 2, n as u64);
            check_type::<T>(&SMALL, n, n + 9, 1, n as u64);
        }
        check_type::<T>(&Tuning::DEFAULT, 300, 300, 1, 9);
        check_type::<T>(&Tuning::DEFAULT, 520, 200, 0, 10);
    }

    #[test]
    fn every_type_factors_at_block_boundaries() {
        every_shape::<f32>();
        every_shape::<f64>();
        every_shape::<crate::C32>();
        every_shape::<crate::C64>();
    }

    /// Pivots are LAPACK's in every type: the first largest `|re| + |im|`, compared with
    /// a textbook LU in the type's own arithmetic.
    fn pivots_follow_the_textbook<T: Scalar>() {
        use crate::scalar::testing::{matrix, textbook_pivots};
        for &(m, n) in &[(40, 40), (60, 33), (33, 60)] {
            let a0 = matrix::<T>(m, n, m, 7);
            let (mut a, mut b) = (a0.clone(), a0.clone());
            let mut p = vec![0i64; m.min(n)];
            getrf_with(&SMALL, MatMut::col_major(&mut a, m, n, m).unwrap(), &mut p).unwrap();
            assert_eq!(
                p,
                textbook_pivots(&mut b, m, n, m),
                "{} {m}x{n}",
                core::any::type_name::<T>()
            );
        }
    }

    #[test]
    fn every_type_pivots_as_lapack() {
        pivots_follow_the_textbook::<f32>();
        pivots_follow_the_textbook::<crate::C32>();
        pivots_follow_the_textbook::<crate::C64>();
    }

    /// A zero column gives its exact `info` in every type, from any panel.
    fn zero_column_in<T: Scalar>() {
        use crate::scalar::testing::{lu_residual, matrix};
        let recursive = Tuning {
            panels: Panels::Never,
            ..SMALL
        };
        for (t, m, n, zero) in [
            (&SMALL, 70, 70, 37),
            (&recursive, 70, 70, 3),
            (&Tuning::DEFAULT, 300, 300, 200),
        ] {
            let mut a = matrix::<T>(m, n, m, zero as u64);
            a[zero * m..(zero + 1) * m].fill(T::ZERO);
            let a0 = a.clone();
            let mut ipiv = vec![0i32; m.min(n)];
            let r = getrf_with(t, MatMut::col_major(&mut a, m, n, m).unwrap(), &mut ipiv);
            assert_eq!(
                r,
                Err(Error::Singular(zero + 1)),
                "{} {m}x{n}",
                core::any::type_name::<T>()
            );
            assert!(lu_residual(&a0, &a, m, n, m, &ipiv) < 20.0);
        }
    }

    #[test]
    fn every_type_reports_a_zero_column() {
        zero_column_in::<f32>();
        zero_column_in::<crate::C32>();
        zero_column_in::<crate::C64>();
    }

    #[test]
    fn complex_nan_and_inf_return() {
        use crate::scalar::testing::matrix;
        for bad in [f64::NAN, f64::INFINITY] {
            let mut a = matrix::<crate::C64>(50, 50, 50, 11);
            a[17 + 50 * 23] = crate::C64::new(1.0, bad);
            a[0] = crate::C64::new(bad, 0.0);
            let mut ipiv = vec![0i32; 50];
            let _ = getrf_with(
                &SMALL,
                MatMut::col_major(&mut a, 50, 50, 50).unwrap(),
                &mut ipiv,
            );
            assert_pivots_valid(&ipiv, 50);
        }
    }

    /// A random `m x n` problem of `T` through a column-major (`lda >= m`) or row-major
    /// (`ld >= n`) view: residual in `T`'s epsilon and valid pivots.
    fn random_in<T: Scalar>(
        t: &Tuning,
        m: usize,
        n: usize,
        pad: usize,
        row_major: bool,
        seed: u64,
    ) {
        use crate::scalar::testing::{lu_residual, matrix};
        let lda = m + pad;
        let a0 = matrix::<T>(m, n, lda.max(1), seed);
        let mut a = a0.clone();
        let mut ipiv = vec![0i64; m.min(n)];
        if row_major {
            // The same matrix stored row-major with leading dimension n + pad.
            let ld = n + pad;
            let mut r = vec![T::ZERO; m.max(1) * ld];
            for i in 0..m {
                for j in 0..n {
                    r[i * ld + j] = a0[i + j * lda];
                }
            }
            getrf_with(t, MatMut::row_major(&mut r, m, n, ld).unwrap(), &mut ipiv).unwrap();
            for i in 0..m {
                for j in 0..n {
                    a[i + j * lda] = r[i * ld + j];
                }
            }
        } else {
            getrf_with(
                t,
                MatMut::col_major(&mut a, m, n, lda.max(1)).unwrap(),
                &mut ipiv,
            )
            .unwrap();
        }
        let res = lu_residual(&a0, &a, m, n, lda.max(1), &ipiv);
        assert!(
            res < 20.0,
            "{} {m}x{n} row-major {row_major}: {res}",
            core::any::type_name::<T>()
        );
        assert_pivots_valid(&ipiv, m);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn every_type_and_layout_has_a_small_residual(m in 1usize..70, n in 1usize..70, pad in 0usize..3,
                                                      row_major in any::<bool>(), seed in any::<u64>(), blk in 1usize..12) {
            let panels = if blk % 4 == 0 { Panels::Never } else { Panels::Width(2 + blk) };
            // Tiny caches on odd cases, so the kc/mc/nc splits run too.
            let caches = if blk % 2 == 1 { CacheSizes::Given(TINY_CACHES) } else { CacheSizes::Detected };
            let t = Tuning { panels, left_swaps: LeftSwaps::AtEndFrom(8 * blk), lu_leaf: blk, short_leaf: blk + 2, trsm_block: blk, getri_block: blk, caches };
            random_in::<f32>(&t, m, n, pad, row_major, seed);
            random_in::<f64>(&t, m, n, pad, row_major, seed);
            random_in::<crate::C32>(&t, m, n, pad, row_major, seed);
            random_in::<crate::C64>(&t, m, n, pad, row_major, seed);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_shapes_have_small_residual(m in 1usize..90, n in 1usize..90, pad in 0usize..4,
                                             seed in any::<u64>(), leaf in 1usize..20, blk in 1usize..20,
                                             l1d in 512usize..65536, l2 in 4096usize..(1 << 21)) {
            let panels = if blk % 7 == 0 { Panels::Never } else { Panels::Width(blk % 7) };
            let caches = if blk % 3 == 0 { CacheSizes::Detected } else { CacheSizes::Given(Caches { l1d, l2, l3: 2 * l2 }) };
            let t = Tuning { panels, left_swaps: LeftSwaps::AtEndFrom(10 * leaf), lu_leaf: leaf, short_leaf: leaf + blk % 5, trsm_block: blk, getri_block: blk, caches };
            check_random(&t, m, n, pad, seed);
        }

        #[test]
        fn ill_conditioned_still_backward_stable(n in 2usize..60, seed in any::<u64>(), scale in -300i32..300) {
            // Graded rows: row i scaled by 10^(scale * i / n).
            let mut a = random_matrix(n, n, n, seed);
            for i in 0..n {
                let s = 10f64.powf(scale as f64 * i as f64 / n as f64 / 10.0);
                for j in 0..n { a[i + j * n] *= s; }
            }
            let a0 = a.clone();
            let mut ipiv = vec![0i32; n];
            let r = getrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut ipiv);
            prop_assert!(r.is_ok() || matches!(r, Err(Error::Singular(_))));
            prop_assert!(lu_residual(&a0, &a, n, n, n, &ipiv) < 10.0);
        }
    }
}
