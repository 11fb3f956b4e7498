//! The fork scenarios of the C suite, each with 1, 2, 4 and 8 threads (more threads
//! than this machine's cores on purpose), under a watchdog.

mod runner;
use runner::{Case, run_all};
use std::time::Duration;

const SCENARIOS: [&str; 12] = [
    "fork_seed",
    "fork_parent_again",
    "fork_child_factors",
    "fork_both_factor",
    "fork_grandchild",
    "fork_storm",
    "fork_during_getrf",
    "fork_many_callers",
    "fork_syscall",
    "fork_shapes",
    "fork_spawn",
    "fork_atfork_order",
];

#[test]
fn fork_scenarios_with_1_2_4_8_threads() {
    let mut cases = Vec::new();
    for program in SCENARIOS {
        for threads in [1, 2, 4, 8] {
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
