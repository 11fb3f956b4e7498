//! The complex element types as the header names them. `forklu_complex_float` and
//! `forklu_complex_double` are defined by the header itself (see `c-tests/cbindgen.toml`)
//! as C99's `float _Complex` / `double _Complex`, or C++'s `std::complex<float>` /
//! `std::complex<double>`: all four store the real part, then the imaginary part,
//! exactly as forklu's `#[repr(C)]` `C32` and `C64`, so callers pass their own arrays
//! without casts.
#![allow(non_camel_case_types)]

/// `float _Complex` in C, `std::complex<float>` in C++.
pub type forklu_complex_float = forklu_abi::C32;
/// `double _Complex` in C, `std::complex<double>` in C++.
pub type forklu_complex_double = forklu_abi::C64;
