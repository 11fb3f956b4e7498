//! The fork scenarios of the C suite, each at every thread count of
//! `fork_thread_counts` (1, 2, 4 and 8 unless the test command's kernel pass says
//! otherwise: more threads than this machine's cores on purpose), under a watchdog.
//! Each scenario also checks, in every process after a fork, that the workers run
//! tasks (`t_workers` in c/t.h). The scenarios written for every precision
//! (`c/precision_fork_*.c`) run once per precision and thread count.

mod runner;
use forklu_testkit::fork_thread_counts;
use runner::{Case, FORK_SCENARIOS, PRECISION_FORK_SCENARIOS, PRECISIONS, run_all};
use std::time::Duration;

#[test]
fn fork_scenarios_at_every_thread_count() {
    let mut cases = Vec::new();
    for program in FORK_SCENARIOS {
        for threads in fork_thread_counts() {
            cases.push(Case {
                name: format!("{program} threads={threads}"),
                program: program.to_string(),
                args: vec![threads.to_string()],
                limit: Duration::from_secs(120),
            });
        }
    }
    run_all("fork scenarios", &cases);
}

#[test]
fn fork_scenarios_in_every_precision_at_every_thread_count() {
    let mut cases = Vec::new();
    for program in PRECISION_FORK_SCENARIOS {
        for precision in PRECISIONS {
            for threads in fork_thread_counts() {
                cases.push(Case {
                    name: format!("{program} {precision} threads={threads}"),
                    program: program.to_string(),
                    args: vec![threads.to_string(), precision.to_string()],
                    limit: Duration::from_secs(120),
                });
            }
        }
    }
    run_all("fork scenarios in every precision", &cases);
}
