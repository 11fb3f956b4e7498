//! The checked-in header is what cbindgen generates from ffi/ today; the header
//! compiles as strict C99 and C++11, and programs in each (c-tests/header/) solve
//! complex systems through it with their language's own complex arrays, no casts;
//! bindgen reads it back with the LAPACK ABI in every precision.

use forklu_testkit::{Outcome, run_with_deadline, tool};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn checked_in() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/forklu.h")
}

#[test]
fn header_matches_a_fresh_generation() {
    let fresh = std::fs::read_to_string(env!("FORKLU_FRESH_HEADER")).unwrap();
    if std::env::var_os("FORKLU_BLESS").is_some() {
        std::fs::write(checked_in(), &fresh).unwrap();
    }
    let current = std::fs::read_to_string(checked_in()).unwrap_or_default();
    assert!(
        current == fresh,
        "include/forklu.h is stale: regenerate with FORKLU_BLESS=1 cargo test -p forklu-c-tests --test header"
    );
}

#[test]
fn header_compiles_as_strict_c99_and_cxx11() {
    let dir = std::env::temp_dir().join(format!("forklu-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("use.c");
    std::fs::write(
        &src,
        "#include \"forklu.h\"\nint main(void) { return forklu_get_num_threads() > 0 ? 0 : 1; }\n",
    )
    .unwrap();
    let include = checked_in().parent().unwrap().to_path_buf();
    for (compiler, std, lang) in [("cc", "-std=c99", "c"), ("c++", "-std=c++11", "c++")] {
        tool(
            &format!("{compiler} {std} on forklu.h"),
            Command::new(compiler)
                .args([
                    std,
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-pedantic",
                    "-fsyntax-only",
                    "-x",
                    lang,
                ])
                .arg("-I")
                .arg(&include)
                .arg(&src),
            Duration::from_secs(60),
        );
    }
}

/// c-tests/header/c99.c (`double _Complex`, `float _Complex`) and cxx11.cpp
/// (`std::complex`), compiled with -pedantic -Werror against libforklu.a, solve known
/// complex systems through the header's prototypes in every name set.
#[test]
fn c99_and_cxx11_programs_solve_through_the_header_without_casts() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let include = checked_in().parent().unwrap().to_path_buf();
    let lib = Path::new(env!("FORKLU_LIBDIR")).join("libforklu.a");
    let dir = std::env::temp_dir().join(format!("forklu-header-progs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (compiler, std, src) in [
        ("cc", "-std=c99", "c99.c"),
        ("c++", "-std=c++11", "cxx11.cpp"),
    ] {
        let exe = dir.join(src.split('.').next().unwrap());
        tool(
            &format!("{compiler} {std} header/{src}"),
            Command::new(compiler)
                .args([std, "-pedantic", "-Wall", "-Wextra", "-Werror", "-O1"])
                .arg("-I")
                .arg(&include)
                .arg(here.join("header").join(src))
                .arg("-o")
                .arg(&exe)
                .arg(&lib)
                .args(["-lpthread", "-lm", "-ldl"]),
            Duration::from_secs(120),
        );
        let run = run_with_deadline(&mut Command::new(&exe), Duration::from_secs(60));
        assert_eq!(
            run.outcome,
            Outcome::Exited(0),
            "header/{src}:\n{}{}",
            run.stdout,
            run.stderr
        );
        assert!(run.stdout.contains(": ok"), "header/{src}: {}", run.stdout);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

mod bound {
    #![allow(non_upper_case_globals, non_camel_case_types, dead_code, clippy::all)]
    include!(env!("FORKLU_BINDINGS"));
}

/// The Fortran-ABI prototypes of one precision's four routines (element type `$t`,
/// integer `$i`), written from the LAPACK reference documentation, not from forklu.
macro_rules! fortran_prototypes {
    ($t:ty, $i:ty => $getrf:ident $getrs:ident $gesv:ident $getri:ident) => {
        let _: unsafe extern "C" fn(*const $i, *const $i, *mut $t, *const $i, *mut $i, *mut $i) =
            $getrf;
        let _: unsafe extern "C" fn(
            *const std::ffi::c_char,
            *const $i,
            *const $i,
            *const $t,
            *const $i,
            *const $i,
            *mut $t,
            *const $i,
            *mut $i,
        ) = $getrs;
        let _: unsafe extern "C" fn(
            *const $i,
            *const $i,
            *mut $t,
            *const $i,
            *mut $i,
            *mut $t,
            *const $i,
            *mut $i,
        ) = $gesv;
        let _: unsafe extern "C" fn(
            *const $i,
            *mut $t,
            *const $i,
            *const $i,
            *mut $t,
            *const $i,
            *mut $i,
        ) = $getri;
    };
}

/// The LAPACKE-style prototypes of one precision (`LAPACKE_?getrf`, `_?getrs`, `_?gesv`,
/// `_?getri_work` shapes; LP64).
macro_rules! lapacke_prototypes {
    ($t:ty => $getrf:ident $getrs:ident $gesv:ident $getri:ident) => {
        let _: unsafe extern "C" fn(i32, i32, i32, *mut $t, i32, *mut i32) -> i32 = $getrf;
        let _: unsafe extern "C" fn(
            i32,
            std::ffi::c_char,
            i32,
            i32,
            *const $t,
            i32,
            *const i32,
            *mut $t,
            i32,
        ) -> i32 = $getrs;
        let _: unsafe extern "C" fn(i32, i32, i32, *mut $t, i32, *mut i32, *mut $t, i32) -> i32 =
            $gesv;
        let _: unsafe extern "C" fn(i32, i32, *mut $t, i32, *const i32, *mut $t, i32) -> i32 =
            $getri;
    };
}

/// Each exported routine in every precision and name set, as bindgen read it from the
/// header, has the LAPACK reference prototype; complex elements are two reals, real part
/// first (LAPACK's COMPLEX and COMPLEX*16).
#[test]
fn bindgen_sees_the_lapack_prototypes() {
    use bound::*;
    type C = __BindgenComplex<f32>;
    type Z = __BindgenComplex<f64>;
    type I = i32;
    type L = i64;
    fortran_prototypes!(f32, I => sgetrf_ sgetrs_ sgesv_ sgetri_);
    fortran_prototypes!(f32, L => sgetrf_64_ sgetrs_64_ sgesv_64_ sgetri_64_);
    fortran_prototypes!(f32, I => forklu_sgetrf_ forklu_sgetrs_ forklu_sgesv_ forklu_sgetri_);
    fortran_prototypes!(f32, L => forklu_sgetrf_64_ forklu_sgetrs_64_ forklu_sgesv_64_ forklu_sgetri_64_);
    fortran_prototypes!(f64, I => dgetrf_ dgetrs_ dgesv_ dgetri_);
    fortran_prototypes!(f64, L => dgetrf_64_ dgetrs_64_ dgesv_64_ dgetri_64_);
    fortran_prototypes!(f64, I => forklu_dgetrf_ forklu_dgetrs_ forklu_dgesv_ forklu_dgetri_);
    fortran_prototypes!(f64, L => forklu_dgetrf_64_ forklu_dgetrs_64_ forklu_dgesv_64_ forklu_dgetri_64_);
    fortran_prototypes!(C, I => cgetrf_ cgetrs_ cgesv_ cgetri_);
    fortran_prototypes!(C, L => cgetrf_64_ cgetrs_64_ cgesv_64_ cgetri_64_);
    fortran_prototypes!(C, I => forklu_cgetrf_ forklu_cgetrs_ forklu_cgesv_ forklu_cgetri_);
    fortran_prototypes!(C, L => forklu_cgetrf_64_ forklu_cgetrs_64_ forklu_cgesv_64_ forklu_cgetri_64_);
    fortran_prototypes!(Z, I => zgetrf_ zgetrs_ zgesv_ zgetri_);
    fortran_prototypes!(Z, L => zgetrf_64_ zgetrs_64_ zgesv_64_ zgetri_64_);
    fortran_prototypes!(Z, I => forklu_zgetrf_ forklu_zgetrs_ forklu_zgesv_ forklu_zgetri_);
    fortran_prototypes!(Z, L => forklu_zgetrf_64_ forklu_zgetrs_64_ forklu_zgesv_64_ forklu_zgetri_64_);
    lapacke_prototypes!(f32 => forklu_sgetrf forklu_sgetrs forklu_sgesv forklu_sgetri);
    lapacke_prototypes!(f64 => forklu_dgetrf forklu_dgetrs forklu_dgesv forklu_dgetri);
    lapacke_prototypes!(C => forklu_cgetrf forklu_cgetrs forklu_cgesv forklu_cgetri);
    lapacke_prototypes!(Z => forklu_zgetrf forklu_zgetrs forklu_zgesv forklu_zgetri);
    // COMPLEX and COMPLEX*16: two reals, the real part first, no padding.
    assert_eq!(
        (std::mem::size_of::<C>(), std::mem::align_of::<C>()),
        (8, 4)
    );
    assert_eq!(
        (std::mem::size_of::<Z>(), std::mem::align_of::<Z>()),
        (16, 8)
    );
    assert_eq!(
        (std::mem::offset_of!(C, re), std::mem::offset_of!(C, im)),
        (0, 4)
    );
    assert_eq!(
        (std::mem::offset_of!(Z, re), std::mem::offset_of!(Z, im)),
        (0, 8)
    );
    let _: unsafe extern "C" fn(I) = forklu_set_num_threads;
    let _: unsafe extern "C" fn() -> I = forklu_get_num_threads;
    assert_eq!(
        (FORKLU_ROW_MAJOR, FORKLU_COL_MAJOR),
        (101, 102),
        "LAPACKE's layout values"
    );
}
