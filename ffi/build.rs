//! Gives `libforklu.so` its SONAME and writes `forklu.pc` next to the libraries.

use std::path::PathBuf;

/// What a C program must add when it links `libforklu.a`: the list
/// `rustc --print native-static-libs` reports for this crate (checked by a c-tests test).
const NATIVE_STATIC_LIBS: &str = "-lc -lm -lrt -lpthread";

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap();
    let major = version.split('.').next().unwrap();
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libforklu.so.{major}");
    println!("cargo:rerun-if-changed=build.rs");

    // OUT_DIR is target/<profile>/build/forklu-ffi-<hash>/out: the libraries go three up.
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let Some(libdir) = out.ancestors().nth(3) else {
        return;
    };
    let include = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../include");
    let include = include.canonicalize().unwrap_or(include);
    let pc = format!(
        "prefix={libdir}\nincludedir={inc}\nlibdir={libdir}\n\n\
         Name: forklu\nDescription: LU factorization (LAPACK dgetrf family), no allocation, fork-safe\n\
         Version: {version}\nCflags: -I${{includedir}}\nLibs: -L${{libdir}} -lforklu\n\
         Libs.private: {NATIVE_STATIC_LIBS}\n",
        libdir = libdir.display(),
        inc = include.display(),
    );
    let _ = std::fs::write(libdir.join("forklu.pc"), pc);
    // The loader looks programs' libforklu up by its SONAME: give it that name too.
    let soname = libdir.join(format!("libforklu.so.{major}"));
    if std::fs::symlink_metadata(&soname).is_err() {
        let _ = std::os::unix::fs::symlink("libforklu.so", &soname);
    }
}
