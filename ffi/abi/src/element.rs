//! The element type of the matrices a C caller passes, and the core routines that
//! compute in it: the one place that names it. `args`, `routines`, `fortran` and
//! `lapacke` are generic over [`Element`], so a precision joins as one `impl` here plus
//! its exported names (`sgetrf_`, `forklu_sgetrf`, ...), each a forward to the same
//! generic functions.
//!
//! The core computes in `f64` only today, so `f64` is the only implementation. Once the
//! core is generic over its own scalar trait, this impl becomes one blanket impl over it.
//! For complex types, `getrs`'s `trans = 'C'` (today the same as `'T'`) will need the
//! core's conjugate transpose.

use crate::args::Layout;
use forklu::lapack::{self, Trans};
use forklu::{Error, MatMut, MatRef, Pivot};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f64 {}
}

/// A matrix element type with the LU routines of its precision.
pub trait Element: Copy + 'static + sealed::Sealed {
    /// Mutable strided view of a matrix of this type.
    type Mut<'a>;
    /// Read-only strided view of a matrix of this type.
    type Ref<'a>;

    /// `data` viewed as a `rows x cols` matrix with leading dimension `ld` in `layout`;
    /// `None` when the core's checked constructor refuses it.
    fn view<'a>(
        layout: Layout,
        data: &'a mut [Self],
        rows: usize,
        cols: usize,
        ld: usize,
    ) -> Option<Self::Mut<'a>>;
    /// The view, read-only.
    fn into_ref<'a>(m: Self::Mut<'a>) -> Self::Ref<'a>;
    /// The value LAPACK stores in `work[0]` to report a workspace length.
    fn from_len(len: usize) -> Self;

    /// `forklu::lapack::getrf` in this precision; the three below likewise.
    fn getrf<P: Pivot>(a: Self::Mut<'_>, ipiv: &mut [P]) -> Result<(), Error>;
    fn getrs<P: Pivot>(
        trans: Trans,
        lu: Self::Ref<'_>,
        ipiv: &[P],
        b: Self::Mut<'_>,
    ) -> Result<(), Error>;
    fn gesv<P: Pivot>(a: Self::Mut<'_>, ipiv: &mut [P], b: Self::Mut<'_>) -> Result<(), Error>;
    fn getri<P: Pivot>(a: Self::Mut<'_>, ipiv: &[P], work: &mut [Self]) -> Result<(), Error>;
    /// The `getri` workspace length that runs at full speed.
    fn getri_work_len(n: usize) -> usize;
}

impl Element for f64 {
    type Mut<'a> = MatMut<'a>;
    type Ref<'a> = MatRef<'a>;

    fn view<'a>(
        layout: Layout,
        data: &'a mut [f64],
        rows: usize,
        cols: usize,
        ld: usize,
    ) -> Option<MatMut<'a>> {
        match layout {
            Layout::ColMajor => MatMut::col_major(data, rows, cols, ld).ok(),
            Layout::RowMajor => MatMut::row_major(data, rows, cols, ld).ok(),
        }
    }
    fn into_ref<'a>(m: Self::Mut<'a>) -> Self::Ref<'a> {
        m.into_ref()
    }
    fn from_len(len: usize) -> f64 {
        len as f64
    }

    fn getrf<P: Pivot>(a: MatMut<'_>, ipiv: &mut [P]) -> Result<(), Error> {
        lapack::getrf(a, ipiv)
    }
    fn getrs<P: Pivot>(
        trans: Trans,
        lu: MatRef<'_>,
        ipiv: &[P],
        b: MatMut<'_>,
    ) -> Result<(), Error> {
        lapack::getrs(trans, lu, ipiv, b)
    }
    fn gesv<P: Pivot>(a: MatMut<'_>, ipiv: &mut [P], b: MatMut<'_>) -> Result<(), Error> {
        lapack::gesv(a, ipiv, b)
    }
    fn getri<P: Pivot>(a: MatMut<'_>, ipiv: &[P], work: &mut [f64]) -> Result<(), Error> {
        lapack::getri(a, ipiv, work)
    }
    fn getri_work_len(n: usize) -> usize {
        lapack::getri_work_len(n)
    }
}
