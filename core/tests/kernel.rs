//! The microkernel `FORKLU_ARCH` asks for is the one that runs, so the test command's
//! passes under `FORKLU_ARCH=scalar`, `avx2` and the native kernel really test each
//! kernel; on a CPU without the requested one the test prints a SKIP line (and the
//! test command skips the rest of that pass).

use forklu_testkit::{expected_kernel, skip};

#[test]
fn the_requested_kernel_runs() {
    let runs = forklu::unstable::microkernel().isa;
    match expected_kernel() {
        Ok(want) => assert_eq!(
            runs,
            want,
            "FORKLU_ARCH={:?}: this process runs the {runs} kernel",
            std::env::var("FORKLU_ARCH").ok()
        ),
        Err(why) => skip("the_requested_kernel_runs", &format!("{why} (runs {runs})")),
    }
}
