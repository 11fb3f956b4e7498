//! `sys` on Linux, through libc.

use core::ffi::CStr;

/// The value of environment variable `name`, if set. The bytes are copied into
/// `buf` (truncated to its length) so no pointer into the environment escapes.
pub fn getenv(name: &CStr, buf: &mut [u8]) -> Option<usize> {
    // SAFETY: `name` is NUL-terminated; getenv returns null or a NUL-terminated string.
    let p = unsafe { libc::getenv(name.as_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: p is a valid NUL-terminated string owned by the environment.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    let n = bytes.len().min(buf.len());
    buf[..n].copy_from_slice(&bytes[..n]);
    Some(n)
}

/// The calling process's id.
pub fn getpid() -> u32 {
    // SAFETY: getpid has no preconditions and cannot fail.
    unsafe { libc::getpid() as u32 }
}

/// Entry point of a thread started by [`spawn`].
pub type ThreadMain = extern "C" fn(*mut core::ffi::c_void) -> *mut core::ffi::c_void;

/// Starts a detached thread running `main(arg)`; false if the OS refused.
pub fn spawn(main: ThreadMain, arg: usize) -> bool {
    let mut tid: libc::pthread_t = 0;
    // SAFETY: `tid` is a valid out-pointer, default attributes (null) are allowed, and
    // `main` has the C signature pthread_create expects.
    let rc = unsafe {
        libc::pthread_create(
            &mut tid,
            core::ptr::null(),
            main,
            arg as *mut core::ffi::c_void,
        )
    };
    if rc != 0 {
        return false;
    }
    // SAFETY: `tid` names the thread just created; detaching it once is valid.
    unsafe { libc::pthread_detach(tid) };
    true
}

/// An id of the calling thread, unique among the process's live threads.
pub fn thread_id() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// Sleeps while `*word == expected` (or until a spurious wake-up).
pub fn futex_wait(word: &core::sync::atomic::AtomicU32, expected: u32) {
    // SAFETY: `word` is a valid, aligned u32 for the duration of the call; a null timeout
    // means wait without limit; FUTEX_WAIT_PRIVATE only compares and sleeps.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
            expected,
            core::ptr::null::<libc::timespec>(),
        )
    };
}

/// Wakes up to `count` threads sleeping on `word`.
pub fn futex_wake(word: &core::sync::atomic::AtomicU32, count: u32) {
    // SAFETY: `word` is a valid, aligned u32; FUTEX_WAKE_PRIVATE touches no memory.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
            count,
        )
    };
}

/// Gives the CPU to another runnable thread.
pub fn yield_now() {
    // SAFETY: sched_yield has no preconditions.
    unsafe { libc::sched_yield() };
}

/// Registers `child` to run in the child after every `fork()` (no prepare or parent
/// handler: the parent must not pay for a fork). False if registration failed.
pub fn atfork_child(child: unsafe extern "C" fn()) -> bool {
    // SAFETY: null prepare/parent handlers are allowed; `child` is a valid function.
    unsafe { libc::pthread_atfork(None, None, Some(child)) == 0 }
}

/// Number of CPUs this process may run on (its affinity mask), at least 1.
pub fn cpu_count() -> usize {
    // SAFETY: an all-zero cpu_set_t is a valid empty set.
    let mut set: libc::cpu_set_t = unsafe { core::mem::zeroed() };
    // SAFETY: `set` is a valid out-buffer of the size passed; pid 0 means this thread.
    let rc =
        unsafe { libc::sched_getaffinity(0, core::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    if rc != 0 {
        return 1;
    }
    // SAFETY: `set` was filled by sched_getaffinity.
    (unsafe { libc::CPU_COUNT(&set) } as usize).max(1)
}

/// True: this build can run worker threads.
pub const HAS_THREADS: bool = true;

/// Asks the kernel not to share `[ptr, ptr + len)` with fork children: a child gets
/// zero-filled pages there instead, so the parent's next writes take no copy-on-write
/// faults. Only for memory that is forklu's alone and that a child never needs (the
/// packing buffers); never thread stacks, where glibc keeps its own thread records.
/// True when the whole range is marked (it must then start and end on pages).
pub fn wipe_on_fork(ptr: *const u8, len: usize) -> bool {
    const PAGE: usize = 4096;
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + len) & !(PAGE - 1);
    let whole = start == ptr as usize && end == ptr as usize + len;
    if end <= start {
        return false;
    }
    // SAFETY: the range lies inside memory the caller owns; MADV_WIPEONFORK changes
    // only what a future child sees, never the contents here. Failure (old kernel,
    // file-backed pages) just leaves the pages shared, which the caller allows for.
    let rc = unsafe {
        libc::madvise(
            start as *mut libc::c_void,
            end - start,
            libc::MADV_WIPEONFORK,
        )
    };
    whole && rc == 0
}
