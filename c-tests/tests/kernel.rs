//! The C programs run the microkernel `FORKLU_ARCH` asks for, like the Rust tests: the
//! test command runs the fork scenarios and the conformance suite once per kernel, so
//! each pass must really test its kernel. The kernels round differently, so
//! `c/kernel_bits` (which prints a hash of its factors' bits) must agree with this
//! process, which asserts which kernel it runs. On a CPU without the requested kernel
//! the test prints a SKIP line.

mod runner;
use forklu::{MatMut, lapack};
use forklu_testkit::{expected_kernel, skip};
use runner::{Verdict, bin_dir, run_command};
use std::process::Command;
use std::time::Duration;

const N: usize = 96;

/// What `c/kernel_bits.c` computes: FNV-1a over the factors' and pivots' bits.
fn bits_hash_here() -> u64 {
    let mut a: Vec<f64> = (0..N * N)
        .map(|k| {
            let (i, j) = (k % N, k / N);
            ((i * 37 + j * 101 + i * j * 7) % 1000) as f64 / 1000.0 - 0.5
        })
        .collect();
    let mut ipiv = [0i32; N];
    lapack::getrf(MatMut::col_major(&mut a, N, N, N).unwrap(), &mut ipiv).unwrap();
    let words = a
        .iter()
        .map(|x| x.to_bits())
        .chain(ipiv.iter().map(|&p| p as u64));
    words.fold(1469598103934665603u64, |h, w| {
        (h ^ w).wrapping_mul(1099511628211)
    })
}

#[test]
fn c_programs_run_the_requested_kernel() {
    let runs = forklu::unstable::microkernel().isa;
    let want = match expected_kernel() {
        Ok(want) => want,
        Err(why) => {
            return skip(
                "c_programs_run_the_requested_kernel",
                &format!("{why} (runs {runs})"),
            );
        }
    };
    assert_eq!(runs, want, "this process runs the {runs} kernel");
    let here = format!("info 0 bits {:016x}", bits_hash_here());
    let (verdict, stderr, _) = run_command(
        &mut Command::new(bin_dir().join("kernel_bits")),
        Duration::from_secs(60),
    );
    assert_eq!(verdict, Verdict::Pass, "kernel_bits: {stderr}");
    assert_eq!(
        stderr.trim(),
        here,
        "the C program's factors differ from the {want} kernel's in this process"
    );
}
