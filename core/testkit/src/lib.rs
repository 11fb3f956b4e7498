//! Test support for every Rust test of forklu: the core's unit and integration tests,
//! the benches, the C suite's runner and the fuzz targets.
//!
//! It does not depend on forklu: matrices are plain column-major slices, and the
//! oracles (residuals, a textbook LU) are written here from the textbook, so a bug in
//! forklu cannot hide in its own test helpers.

pub mod kernel;
pub mod matrix;
pub mod process;

pub use kernel::*;
pub use matrix::*;
pub use process::*;
