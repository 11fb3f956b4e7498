//! Thread count from the environment: FORKLU_NUM_THREADS, then OMP_NUM_THREADS, then the
//! CPUs in the affinity mask; bad values fall back; a fork child reads it again.

mod runner;
use runner::{Verdict, bin_dir, run_command};
use std::process::Command;
use std::time::Duration;

fn threads_with(vars: &[(&str, &str)], want: usize, child_value: Option<&str>) {
    let mut cmd = Command::new(bin_dir().join("env_threads"));
    cmd.env_remove("FORKLU_NUM_THREADS")
        .env_remove("OMP_NUM_THREADS")
        .arg(want.to_string());
    if let Some(v) = child_value {
        cmd.arg(v);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    // The program forks when given a child value: under the watchdog like every other.
    let (verdict, stderr, _) = run_command(&mut cmd, Duration::from_secs(30));
    assert_eq!(verdict, Verdict::Pass, "{vars:?}: {stderr}");
}

#[test]
fn environment_sets_the_thread_count_with_fallbacks() {
    let cpus = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(65);
    threads_with(&[], cpus, None);
    threads_with(&[("FORKLU_NUM_THREADS", "3")], 3, None);
    threads_with(&[("OMP_NUM_THREADS", "5")], 5, None);
    threads_with(
        &[("FORKLU_NUM_THREADS", "3"), ("OMP_NUM_THREADS", "5")],
        3,
        None,
    );
    threads_with(&[("OMP_NUM_THREADS", "6,2")], 6, None);
    threads_with(&[("FORKLU_NUM_THREADS", "1000")], 65, None);
    for bad in ["0", "-2", "two", "", "4x", "99999999999999999999"] {
        threads_with(
            &[("FORKLU_NUM_THREADS", bad), ("OMP_NUM_THREADS", "7")],
            7,
            None,
        );
        threads_with(&[("FORKLU_NUM_THREADS", bad)], cpus, None);
    }
    threads_with(&[("FORKLU_NUM_THREADS", "3")], 3, Some("2"));
}
