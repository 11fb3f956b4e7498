//! Fork awareness: the generation check every parallel dispatch makes, and the atfork
//! child handler that makes the same check at once in a child.
//!
//! Nothing here runs in the parent: no prepare or parent handler exists, so a fork
//! leaves the parent's threads and slots exactly as they were.

use super::generation;
use crate::sys;
use core::sync::atomic::{AtomicBool, Ordering};

/// Set once the atfork child handler is registered (a plain atomic: a fork cannot
/// freeze it half-initialised, unlike a lazy-init lock).
static HOOKED: AtomicBool = AtomicBool::new(false);

/// Registers the child handler once per process tree (children inherit it).
fn register_hook() {
    if HOOKED.load(Ordering::Acquire) {
        return;
    }
    if !HOOKED.swap(true, Ordering::AcqRel) && !sys::atfork_child(child_after_fork) {
        HOOKED.store(false, Ordering::Release);
    }
}

/// Registers the hook when the library is loaded, so a program that forks before its
/// first call is covered too.
#[cfg(all(feature = "threads", target_os = "linux"))]
#[used]
#[unsafe(link_section = ".init_array")]
static REGISTER_AT_LOAD: extern "C" fn() = {
    extern "C" fn at_load() {
        register_hook();
    }
    at_load
};

/// The atfork child handler: the child's generation begins here, before any of its
/// threads can claim anything.
unsafe extern "C" fn child_after_fork() {
    generation::current();
}

/// This process's generation, for a parallel dispatch (a `getpid()` check, so a child
/// made without the handlers, by `syscall(SYS_fork)` or `clone`, is recognised too).
pub(crate) fn dispatch_generation() -> u32 {
    register_hook();
    generation::current()
}
