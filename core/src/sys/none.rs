//! `sys` without an operating system.

use core::ffi::CStr;

/// No environment exists.
pub fn getenv(_name: &CStr, _buf: &mut [u8]) -> Option<usize> {
    None
}

/// One process, whose id never changes.
pub fn getpid() -> u32 {
    1
}

/// Entry point of a thread (never started without an OS).
pub type ThreadMain = extern "C" fn(*mut core::ffi::c_void) -> *mut core::ffi::c_void;

/// No threads without an OS.
pub fn spawn(_main: ThreadMain, _arg: usize) -> bool {
    false
}

/// The only thread.
pub fn thread_id() -> u64 {
    1
}

/// Nothing else can change the word, so there is nothing to wait for.
pub fn futex_wait(_word: &core::sync::atomic::AtomicU32, _expected: u32) {}

/// No sleepers exist.
pub fn futex_wake(_word: &core::sync::atomic::AtomicU32, _count: u32) {}

/// No other thread to yield to.
pub fn yield_now() {}

/// No fork without an OS.
pub fn atfork_child(_child: unsafe extern "C" fn()) -> bool {
    true
}

/// One CPU.
pub fn cpu_count() -> usize {
    1
}

/// False: everything runs on the caller's thread.
pub const HAS_THREADS: bool = false;

/// No fork without an OS: nothing is ever shared with a child.
pub fn wipe_on_fork(_ptr: *const u8, _len: usize) -> bool {
    true
}
