//! The only place that talks to the operating system. `linux` does it through libc
//! (futexes, `MADV_WIPEONFORK` and `sched_getaffinity` are Linux's); `none` answers as
//! a bare-metal target would: no environment, one process, no threads. `none` is used
//! without the `threads` feature, and on other systems.

#[cfg(all(feature = "threads", target_os = "linux"))]
mod linux;
#[cfg(all(feature = "threads", target_os = "linux"))]
pub use linux::*;

#[cfg(not(all(feature = "threads", target_os = "linux")))]
mod none;
#[cfg(not(all(feature = "threads", target_os = "linux")))]
pub use none::*;
