//! Benchmarks of forklu; see benches/ and src/bin/.
