//! The level-3 operations of the LU family, each run on a packing seat claimed for its
//! duration (a seat is held by one product at a time, never across a wait).

use super::Ctx;
use crate::blas::{self, Diag, Packing, Uplo};
use crate::mat::{MatMut, MatRef};
use crate::pool::Seat;

/// `C <- C - A B`.
pub(crate) fn gemm_sub(cx: &Ctx, a: MatRef<'_>, b: MatRef<'_>, c: &mut MatMut<'_>) {
    let mut seat = Seat::claim();
    let (pa, pb) = seat.buffers();
    blas::gemm(&cx.kern, -1.0, a, b, 1.0, c, &mut Packing { a: pa, b: pb });
}

/// `B <- T^-1 B` for the triangle `uplo` of `t`, in diagonal blocks of the tuning's order.
pub(crate) fn trsm(cx: &Ctx, uplo: Uplo, diag: Diag, t: MatRef<'_>, b: &mut MatMut<'_>) {
    let mut seat = Seat::claim();
    let (pa, pb) = seat.buffers();
    let mut buf = Packing { a: pa, b: pb };
    blas::trsm(&cx.kern, uplo, diag, t, b, cx.tuning.trsm_block, &mut buf);
}
