//! `libforklu_scipy.so`: forklu's `?getrf`, `?getrs`, `?gesv` and `?getri` in all four
//! precisions (`s`, `d`, `c`, `z`) under the names the numpy and scipy wheels call in
//! their bundled OpenBLAS: `scipy_zgetrf_64_` ... (ILP64, numpy) and `scipy_sgetrf_`
//! ... (LP64, scipy): 32 symbols. Preloaded (`LD_PRELOAD=libforklu_scipy.so python
//! ...`), it takes those calls; every other routine stays with OpenBLAS.
//!
//! The translation layer is `libforklu`'s own (`forklu_abi`); this file only names the
//! exports. It has no header, so a macro writes them.
#![no_std]

// The panic handler comes with `forklu_abi`'s `runtime` feature.
use core::ffi::c_char;
use forklu_abi::{C32, C64, fortran};

/// The four routines under one name set: element type, integer width, names.
macro_rules! exports {
    ($t:ty, $int:ty: $getrf:ident, $getrs:ident, $gesv:ident, $getri:ident) => {
        /// `?getrf` (see `include/forklu.h`).
        ///
        /// # Safety
        /// LAPACK's contract: every pointer is valid for the dimensions it describes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $getrf(
            m: *const $int,
            n: *const $int,
            a: *mut $t,
            lda: *const $int,
            ipiv: *mut $int,
            info: *mut $int,
        ) {
            // SAFETY: forwarded unchanged under the caller's LAPACK contract.
            unsafe { fortran::getrf(m, n, a, lda, ipiv, info) }
        }

        /// `?getrs` (see `include/forklu.h`).
        ///
        /// # Safety
        /// LAPACK's contract: every pointer is valid for the dimensions it describes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $getrs(
            trans: *const c_char,
            n: *const $int,
            nrhs: *const $int,
            a: *const $t,
            lda: *const $int,
            ipiv: *const $int,
            b: *mut $t,
            ldb: *const $int,
            info: *mut $int,
        ) {
            // SAFETY: forwarded unchanged under the caller's LAPACK contract.
            unsafe { fortran::getrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info) }
        }

        /// `?gesv` (see `include/forklu.h`).
        ///
        /// # Safety
        /// LAPACK's contract: every pointer is valid for the dimensions it describes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $gesv(
            n: *const $int,
            nrhs: *const $int,
            a: *mut $t,
            lda: *const $int,
            ipiv: *mut $int,
            b: *mut $t,
            ldb: *const $int,
            info: *mut $int,
        ) {
            // SAFETY: forwarded unchanged under the caller's LAPACK contract.
            unsafe { fortran::gesv(n, nrhs, a, lda, ipiv, b, ldb, info) }
        }

        /// `?getri` (see `include/forklu.h`).
        ///
        /// # Safety
        /// LAPACK's contract: every pointer is valid for the dimensions it describes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $getri(
            n: *const $int,
            a: *mut $t,
            lda: *const $int,
            ipiv: *const $int,
            work: *mut $t,
            lwork: *const $int,
            info: *mut $int,
        ) {
            // SAFETY: forwarded unchanged under the caller's LAPACK contract.
            unsafe { fortran::getri(n, a, lda, ipiv, work, lwork, info) }
        }
    };
}

exports!(f32, i32: scipy_sgetrf_, scipy_sgetrs_, scipy_sgesv_, scipy_sgetri_);
exports!(f32, i64: scipy_sgetrf_64_, scipy_sgetrs_64_, scipy_sgesv_64_, scipy_sgetri_64_);
exports!(f64, i32: scipy_dgetrf_, scipy_dgetrs_, scipy_dgesv_, scipy_dgetri_);
exports!(f64, i64: scipy_dgetrf_64_, scipy_dgetrs_64_, scipy_dgesv_64_, scipy_dgetri_64_);
exports!(C32, i32: scipy_cgetrf_, scipy_cgetrs_, scipy_cgesv_, scipy_cgetri_);
exports!(C32, i64: scipy_cgetrf_64_, scipy_cgetrs_64_, scipy_cgesv_64_, scipy_cgetri_64_);
exports!(C64, i32: scipy_zgetrf_, scipy_zgetrs_, scipy_zgesv_, scipy_zgetri_);
exports!(C64, i64: scipy_zgetrf_64_, scipy_zgetrs_64_, scipy_zgesv_64_, scipy_zgetri_64_);
