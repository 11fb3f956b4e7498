//! `sys` on a POSIX host, through libc.

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
