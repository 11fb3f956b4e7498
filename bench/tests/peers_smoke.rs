//! The peers runner's smoke mode, as the test command runs it: every precision, and the
//! AVX2 class where the CPU has it, end to end (loading, timing, the residual check,
//! the table and the CSV). With peers installed (`bench/peers.sh`) they run too.

use std::process::Command;

fn smoke(args: &[&str], expect: &[&str]) {
    let out = std::env::temp_dir().join(format!("forklu-peers-smoke-{}", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_peers"))
        .args(["--smoke", "--out"])
        .arg(&out)
        .args(args)
        .output()
        .expect("run the peers runner");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "peers {args:?}: {stdout}\n{stderr}");
    for word in expect {
        assert!(
            stdout.contains(word),
            "peers {args:?} printed no {word:?}:\n{stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_precision_runs() {
    smoke(
        &["--precision", "s,d,c,z"],
        &[
            "sgetrf GFLOPS",
            "dgetrf GFLOPS",
            "cgetrf GFLOPS",
            "zgetrf GFLOPS",
            "32x32",
        ],
    );
}

#[cfg(target_arch = "x86_64")]
#[test]
fn the_avx2_class_runs() {
    if !(std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma"))
    {
        return forklu_testkit::skip("the_avx2_class_runs", "this CPU has no AVX2 + FMA");
    }
    smoke(
        &["--isa", "avx2", "--precision", "d,z"],
        &["AVX2 class", "32x32"],
    );
}
