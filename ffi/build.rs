//! Gives `libforklu.so` its SONAME, `libforklu.so.<major>`. It writes no file: the
//! SONAME link and `forklu.pc` are made by `ffi/install.sh`.

fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR")
        .expect("cargo sets CARGO_PKG_VERSION_MAJOR for build scripts");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libforklu.so.{major}");
    println!("cargo:rerun-if-changed=build.rs");
}
