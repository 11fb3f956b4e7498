//! C ABI of forklu. This crate only translates: it reads C arguments, checks them in
//! LAPACK's order, builds views and maps results to LAPACK's `info`. No math here.
//!
//! Exports: the Fortran-ABI names `dgetrf_` ... (LP64), their ILP64 twins `dgetrf_64_`
//! ..., the same sixteen prefixed with `forklu_`, and a LAPACKE-style API
//! (`forklu_dgetrf(layout, ...)` returning `info`).
#![no_std]

mod args;
mod fortran;
mod lapacke;
mod routines;
mod threads;

pub use fortran::*;
pub use lapacke::*;
pub use threads::*;

/// Version of the library as a NUL-terminated string, for example `"0.1.0"`.
#[unsafe(no_mangle)]
pub extern "C" fn forklu_version() -> *const core::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

// The prebuilt `libcore` refers to `rust_eh_personality` from its unwind tables even
// with `panic = "abort"`, so a C program linking `libforklu.a` without
// `--gc-sections` would fail. forklu never unwinds, so a weak no-op definition is
// enough; weak, so another Rust staticlib's real one wins without a clash.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
core::arch::global_asm!(
    ".pushsection .text.rust_eh_personality,\"ax\",@progbits",
    ".weak rust_eh_personality",
    ".type rust_eh_personality,@function",
    "rust_eh_personality:",
    "ret",
    ".size rust_eh_personality, . - rust_eh_personality",
    ".popsection",
);

/// A panic is a bug in forklu, never a reaction to input: stop the process rather than
/// unwind through C frames.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: abort() has no preconditions and does not return.
    unsafe { libc::abort() }
}
