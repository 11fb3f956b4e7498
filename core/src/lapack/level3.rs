//! The level-3 operations of the LU family, each run on a packing seat claimed for its
//! duration (a seat is held by one product at a time, never across a wait).

use super::Ctx;
use crate::blas::{self, Diag, Packing, Uplo};
use crate::mat::{MatMut, MatRef};
use crate::pool::Seat;
use crate::scalar::Scalar;

/// `C <- C - A B`.
pub(crate) fn gemm_sub<T: Scalar>(
    cx: &Ctx<T::Real>,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    c: &mut MatMut<'_, T>,
) {
    let mut seat = Seat::claim();
    let (pa, pb) = seat.buffers();
    let one = T::Real::ONE;
    blas::gemm(
        &cx.kern,
        -one,
        a,
        false,
        b,
        false,
        one,
        c,
        &mut Packing { a: pa, b: pb },
    );
}

/// `B <- op(T)^-1 B` for the triangle `uplo` of `t` (conjugated when `conj`), in
/// diagonal blocks of the tuning's order.
pub(crate) fn trsm<T: Scalar>(
    cx: &Ctx<T::Real>,
    uplo: Uplo,
    diag: Diag,
    t: MatRef<'_, T>,
    conj: bool,
    b: &mut MatMut<'_, T>,
) {
    let mut seat = Seat::claim();
    let (pa, pb) = seat.buffers();
    let mut buf = Packing { a: pa, b: pb };
    blas::trsm(
        &cx.kern,
        uplo,
        diag,
        t,
        conj,
        b,
        cx.tuning.trsm_block,
        &mut buf,
    );
}
