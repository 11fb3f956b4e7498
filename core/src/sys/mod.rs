//! The only place that talks to the operating system. With the `threads` feature
//! off, the `none` variant answers as a bare-metal target would: no environment,
//! one process, no threads.

#[cfg(feature = "threads")]
mod unix;
#[cfg(feature = "threads")]
pub use unix::*;

#[cfg(not(feature = "threads"))]
mod none;
#[cfg(not(feature = "threads"))]
pub use none::*;
