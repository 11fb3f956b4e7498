//! The C ABI of `ffi/src`, compiled into this std crate so the fuzz targets call the
//! very functions `libforklu` exports (the modules are included, not copied; the
//! `no_std` runtime stand-ins in `ffi/src/runtime.rs` are left out, std has them).

#[allow(dead_code)]
#[path = "../../src/args.rs"]
mod args;
#[path = "../../src/calls.rs"]
mod calls;
#[path = "../../src/fortran.rs"]
mod fortran;
#[path = "../../src/lapacke.rs"]
mod lapacke;
#[path = "../../src/routines.rs"]
mod routines;
#[path = "../../src/threads.rs"]
mod threads;

pub use fortran::*;
pub use lapacke::*;
pub use threads::*;
