//! Fork recovery: the child handler and the pid check run the same rewrite.
//!
//! Nothing here runs in the parent: no prepare or parent handler exists, so a fork
//! leaves the parent's threads and slots exactly as they were.

use super::slot::{LENT, SLOTS, WORKER_TASKS};
use crate::sys;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// Pid the pool state belongs to; 0 before first use. `RECOVERING` while rewritten.
static OWNER_PID: AtomicU32 = AtomicU32::new(0);
const RECOVERING: u32 = u32::MAX;

/// Set once the atfork child handler is registered (a plain atomic: a fork cannot
/// freeze it half-initialised, unlike a lazy-init lock).
static HOOKED: AtomicBool = AtomicBool::new(false);

/// Registers the child handler once per process tree (children inherit it).
pub(crate) fn register_hook() {
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

/// The atfork child handler: only the forking thread exists, so rewriting is safe.
unsafe extern "C" fn child_after_fork() {
    sys::check_fork();
    rewrite(sys::getpid());
    super::threads::forget_environment();
}

/// Makes the pool belong to the calling process, recovering it if it was inherited
/// from a parent (the hook did not run: `syscall(SYS_fork)`, `clone`, ...). Returns
/// the pid. Called on every parallel dispatch.
pub(crate) fn ensure_owner() -> u32 {
    let pid = sys::getpid();
    sys::check_fork();
    loop {
        let owner = OWNER_PID.load(Ordering::Acquire);
        if owner == pid {
            return pid;
        }
        if owner == RECOVERING {
            sys::yield_now();
            continue;
        }
        if OWNER_PID
            .compare_exchange(owner, RECOVERING, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            if owner != 0 {
                // Inherited state: the threads that held it do not exist here.
                for s in &SLOTS {
                    s.reset();
                }
                LENT.store(0, Ordering::Relaxed);
                WORKER_TASKS.store(0, Ordering::Relaxed);
                super::threads::forget_environment();
            }
            register_hook();
            OWNER_PID.store(pid, Ordering::Release);
            return pid;
        }
    }
}

/// Rewrites every slot to fresh, unclaimed and thread-less, owned by `pid`.
fn rewrite(pid: u32) {
    for s in &SLOTS {
        s.reset();
    }
    LENT.store(0, Ordering::Relaxed);
    WORKER_TASKS.store(0, Ordering::Relaxed);
    OWNER_PID.store(pid, Ordering::Release);
}

/// Tasks run by this process's worker threads: 0 in a fork child until its pool is
/// recovered (the parent's count is not this process's).
pub(crate) fn worker_tasks() -> u64 {
    if OWNER_PID.load(Ordering::Acquire) == sys::getpid() {
        WORKER_TASKS.load(Ordering::Relaxed)
    } else {
        0
    }
}
