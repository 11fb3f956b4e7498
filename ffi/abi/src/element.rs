//! The element types of the matrices a C caller passes, and the core routines that
//! compute in them: `f32`, `f64`, and the complex `C32`, `C64` (`float _Complex`,
//! `double _Complex`), LAPACK's `s`, `d`, `c`, `z`. `args`, `routines`, `fortran` and
//! `lapacke` are generic over [`Element`]; each exported name (`sgetrf_`,
//! `forklu_zgetrf`, ...) is a forward to them.

use crate::args::Layout;
use forklu::lapack::{self, Trans};
use forklu::{Error, MatMut, MatRef, Pivot, Real, Scalar};

/// A matrix element type with the LU routines of its precision: every one of the
/// core's scalar types.
pub trait Element: Scalar {
    /// `data` viewed as a `rows x cols` matrix with leading dimension `ld` in `layout`;
    /// `None` when the core's checked constructor refuses it.
    fn view<'a>(
        layout: Layout,
        data: &'a mut [Self],
        rows: usize,
        cols: usize,
        ld: usize,
    ) -> Option<MatMut<'a, Self>> {
        match layout {
            Layout::ColMajor => MatMut::col_major(data, rows, cols, ld).ok(),
            Layout::RowMajor => MatMut::row_major(data, rows, cols, ld).ok(),
        }
    }

    /// The value LAPACK stores in `work[0]` to report a workspace length.
    fn from_len(len: usize) -> Self {
        Self::from_real(Self::Real::from_f64(len as f64))
    }

    /// `forklu::lapack::getrf` in this precision; the three below likewise.
    fn getrf<P: Pivot>(a: MatMut<'_, Self>, ipiv: &mut [P]) -> Result<(), Error> {
        lapack::getrf(a, ipiv)
    }
    fn getrs<P: Pivot>(
        trans: Trans,
        lu: MatRef<'_, Self>,
        ipiv: &[P],
        b: MatMut<'_, Self>,
    ) -> Result<(), Error> {
        lapack::getrs(trans, lu, ipiv, b)
    }
    fn gesv<P: Pivot>(
        a: MatMut<'_, Self>,
        ipiv: &mut [P],
        b: MatMut<'_, Self>,
    ) -> Result<(), Error> {
        lapack::gesv(a, ipiv, b)
    }
    fn getri<P: Pivot>(a: MatMut<'_, Self>, ipiv: &[P], work: &mut [Self]) -> Result<(), Error> {
        lapack::getri(a, ipiv, work)
    }
    /// The `getri` workspace length that runs at full speed.
    fn getri_work_len(n: usize) -> usize {
        lapack::getri_work_len(n)
    }
}

impl<T: Scalar> Element for T {}
