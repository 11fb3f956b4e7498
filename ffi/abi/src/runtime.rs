//! What a `no_std` C library needs from the language runtime: a panic handler and a
//! stand-in `rust_eh_personality`. Compiled in with the `runtime` feature, which
//! `libforklu` and the `libforklu_scipy` shim turn on; a program with std (the fuzz
//! targets, this crate's tests) has both already and must not get a second.

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
