//! The fork scenarios of the C suite, each with 1, 2, 4 and 8 threads (more threads
//! than this machine's cores on purpose), under a watchdog.

mod runner;
use runner::{Case, FORK_SCENARIOS, run_all};
use std::time::Duration;

#[test]
fn fork_scenarios_with_1_2_4_8_threads() {
    let mut cases = Vec::new();
    for program in FORK_SCENARIOS {
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
