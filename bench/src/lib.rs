//! Tools for measuring forklu beside other LAPACK libraries on the same machine, in
//! the same process: loading them with `dlopen`, timing interleaved runs, reporting.

pub mod fma;
pub mod loader;
pub mod report;
pub mod timing;
