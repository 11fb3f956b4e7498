//! The checked-in header is what cbindgen generates from ffi/ today; the header
//! compiles as strict C99 and C++11, and programs in each (c-tests/header/) solve
//! complex systems through it with their language's own complex arrays, no casts;
//! bindgen reads it back with the LAPACK ABI.

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

/// Each exported routine, as bindgen read it from the header, has the LAPACK
/// reference prototype (written here from the LAPACK documentation, not from forklu).
#[test]
fn bindgen_sees_the_lapack_prototypes() {
    use std::ffi::c_char;
    type I = i32;
    type L = i64;
    let _: unsafe extern "C" fn(*const I, *const I, *mut f64, *const I, *mut I, *mut I) =
        bound::dgetrf_;
    let _: unsafe extern "C" fn(*const L, *const L, *mut f64, *const L, *mut L, *mut L) =
        bound::dgetrf_64_;
    let _: unsafe extern "C" fn(*const I, *const I, *mut f64, *const I, *mut I, *mut I) =
        bound::forklu_dgetrf_;
    let _: unsafe extern "C" fn(
        *const c_char,
        *const I,
        *const I,
        *const f64,
        *const I,
        *const I,
        *mut f64,
        *const I,
        *mut I,
    ) = bound::dgetrs_;
    let _: unsafe extern "C" fn(
        *const c_char,
        *const L,
        *const L,
        *const f64,
        *const L,
        *const L,
        *mut f64,
        *const L,
        *mut L,
    ) = bound::dgetrs_64_;
    let _: unsafe extern "C" fn(
        *const I,
        *const I,
        *mut f64,
        *const I,
        *mut I,
        *mut f64,
        *const I,
        *mut I,
    ) = bound::dgesv_;
    let _: unsafe extern "C" fn(
        *const L,
        *const L,
        *mut f64,
        *const L,
        *mut L,
        *mut f64,
        *const L,
        *mut L,
    ) = bound::dgesv_64_;
    let _: unsafe extern "C" fn(
        *const I,
        *mut f64,
        *const I,
        *const I,
        *mut f64,
        *const I,
        *mut I,
    ) = bound::dgetri_;
    let _: unsafe extern "C" fn(
        *const L,
        *mut f64,
        *const L,
        *const L,
        *mut f64,
        *const L,
        *mut L,
    ) = bound::dgetri_64_;
    // LAPACKE-style: LAPACKE_dgetrf / _dgetrs / _dgesv / _dgetri_work shapes.
    let _: unsafe extern "C" fn(I, I, I, *mut f64, I, *mut I) -> I = bound::forklu_dgetrf;
    let _: unsafe extern "C" fn(I, c_char, I, I, *const f64, I, *const I, *mut f64, I) -> I =
        bound::forklu_dgetrs;
    let _: unsafe extern "C" fn(I, I, I, *mut f64, I, *mut I, *mut f64, I) -> I =
        bound::forklu_dgesv;
    let _: unsafe extern "C" fn(I, I, *mut f64, I, *const I, *mut f64, I) -> I =
        bound::forklu_dgetri;
    let _: unsafe extern "C" fn(I) = bound::forklu_set_num_threads;
    let _: unsafe extern "C" fn() -> I = bound::forklu_get_num_threads;
    assert_eq!(
        (bound::FORKLU_ROW_MAJOR, bound::FORKLU_COL_MAJOR),
        (101, 102),
        "LAPACKE's layout values"
    );
}
