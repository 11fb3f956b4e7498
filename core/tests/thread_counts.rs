//! DESIGN rule 5: the same bits for any thread count, before and after a fork (where
//! the workers must also be seen to run tasks: equal bits cannot show it).

mod common;
use common::*;
use forklu::unstable::{CacheSizes, Caches, LeftSwaps, Panels, Tuning};
use forklu::{MatMut, MatRef, lapack};
use std::sync::Mutex;
use std::time::Duration;

/// Deadline of each test: an in-process hang aborts the binary with the test's name.
const LIMIT: Duration = Duration::from_secs(120);

/// The thread count is process-wide: tests in this file take turns.
static TURN: Mutex<()> = Mutex::new(());

const SHAPES: [(usize, usize, usize); 7] = [
    (300, 300, 300),
    (301, 300, 305),
    (517, 200, 517),
    (200, 517, 203),
    (640, 640, 641),
    (97, 97, 97),
    (1000, 250, 1000),
];

fn factor_with(threads: usize, a: &[f64], m: usize, n: usize, lda: usize) -> (Vec<f64>, Vec<i32>) {
    forklu::set_num_threads(threads);
    factor_checked(a, m, n, lda)
}

#[test]
fn getrf_bits_identical_for_1_to_8_threads() {
    deadline("getrf_bits_identical_for_1_to_8_threads", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        for (s, &(m, n, lda)) in SHAPES.iter().enumerate() {
            let a = random_matrix(m, n, lda, 100 + s as u64);
            let serial = factor_with(1, &a, m, n, lda);
            for threads in [2, 3, 4, 8] {
                let par = factor_with(threads, &a, m, n, lda);
                assert!(
                    same_factors(&serial, &par),
                    "{m}x{n} lda {lda}: {threads} threads differ from 1"
                );
            }
        }
    })
}

/// `getrf_with(tuning)` on each shape with 1 thread (checked by its residual), then with
/// 2, 3 and 8 threads: the same bits. `label` names the tuning in a failure.
fn tuned_bits_identical(tuning: &Tuning, shapes: &[(usize, usize)], seed: u64, label: &str) {
    for (s, &(m, n)) in shapes.iter().enumerate() {
        let a = random_matrix(m, n, m, seed + s as u64);
        let run = |threads| {
            forklu::set_num_threads(threads);
            let mut lu = a.clone();
            let mut ipiv = vec![0i32; m.min(n)];
            forklu::unstable::getrf_with(
                tuning,
                MatMut::col_major(&mut lu, m, n, m).unwrap(),
                &mut ipiv,
            )
            .unwrap();
            (lu, ipiv)
        };
        let serial = run(1);
        let r = lu_residual(&a, &serial.0, m, n, m, &serial.1);
        assert!(r < 20.0, "{m}x{n} {label}: residual {r}");
        for threads in [2, 3, 8] {
            assert!(
                same_factors(&serial, &run(threads)),
                "{m}x{n} {label}: {threads} threads differ from 1"
            );
        }
    }
}

/// The blocked, look-ahead path on shapes the default rule leaves to the recursion,
/// with the left row swaps in the steps and at the end.
#[test]
fn lookahead_bits_identical_on_rectangular_shapes() {
    let name = "lookahead_bits_identical_on_rectangular_shapes";
    deadline(name, LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        for left_swaps in [LeftSwaps::InSteps, LeftSwaps::AtEnd] {
            let tuning = Tuning {
                panels: Panels::Width(48),
                left_swaps,
                ..Tuning::DEFAULT
            };
            let label = format!("left swaps {left_swaps:?}");
            tuned_bits_identical(&tuning, &[(517, 200), (200, 517), (700, 301)], 200, &label);
        }
    })
}

/// GEMM blocks sized for tiny caches (`kc` of 16, small `mc` and `nc`): every product
/// is split in many blocks, and the bits still do not depend on the thread count.
#[test]
fn tiny_cache_blocks_give_the_same_bits_for_any_thread_count() {
    let name = "tiny_cache_blocks_give_the_same_bits_for_any_thread_count";
    deadline(name, LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let tuning = Tuning {
            caches: CacheSizes::Given(Caches {
                l1d: 2048,
                l2: 16 << 10,
                l3: 64 << 10,
            }),
            ..Tuning::DEFAULT
        };
        let shapes = [(300, 300), (517, 200), (200, 517)];
        tuned_bits_identical(&tuning, &shapes, 400, "tiny caches");
    })
}

/// Callers factoring at the same time (they share one static buffer for the packed
/// `L21`, which only one holds at a time) get the bits of a lone caller.
#[test]
fn concurrent_callers_get_the_bits_of_a_lone_caller() {
    deadline(
        "concurrent_callers_get_the_bits_of_a_lone_caller",
        LIMIT,
        || {
            let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
            forklu::set_num_threads(2);
            let shapes = [(300usize, 300usize), (520, 400), (257, 300)];
            let inputs: Vec<Vec<f64>> = (0..shapes.len())
                .map(|s| random_matrix(shapes[s].0, shapes[s].1, shapes[s].0, 300 + s as u64))
                .collect();
            let alone: Vec<_> = shapes
                .iter()
                .zip(&inputs)
                .map(|(&(m, n), a)| factor_checked(a, m, n, m))
                .collect();
            std::thread::scope(|scope| {
                for caller in 0..4 {
                    let (inputs, alone) = (&inputs, &alone);
                    scope.spawn(move || {
                        for round in 0..10 {
                            let s = (caller + round) % shapes.len();
                            let (m, n) = shapes[s];
                            let got = factor(&inputs[s], m, n, m);
                            assert!(
                                same_factors(&alone[s], &(got.0, got.1)),
                                "{m}x{n}: caller {caller} round {round} differs"
                            );
                        }
                    });
                }
            });
        },
    )
}

#[test]
fn getrs_bits_identical_for_1_to_8_threads() {
    deadline("getrs_bits_identical_for_1_to_8_threads", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let n = 300;
        let (lu, ipiv) = factor_with(1, &random_matrix(n, n, n, 7), n, n, n);
        let b0 = random_matrix(n, 500, n, 8);
        let solve = |threads, trans| {
            forklu::set_num_threads(threads);
            let mut b = b0.clone();
            lapack::getrs(
                trans,
                MatRef::col_major(&lu, n, n, n).unwrap(),
                &ipiv,
                MatMut::col_major(&mut b, n, 500, n).unwrap(),
            )
            .unwrap();
            b
        };
        for trans in [lapack::Trans::No, lapack::Trans::Yes] {
            let one = solve(1, trans);
            for threads in [2, 3, 4, 8] {
                let many = solve(threads, trans);
                assert!(
                    one.iter()
                        .zip(&many)
                        .all(|(x, y)| x.to_bits() == y.to_bits()),
                    "{trans:?}, {threads} threads"
                );
            }
        }
    })
}

#[test]
fn bits_identical_in_a_fork_child() {
    deadline("bits_identical_in_a_fork_child", LIMIT, || {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let a = random_matrix(400, 380, 401, 9);
        let serial = factor_with(1, &a, 400, 380, 401);
        supervise("bits after fork", Duration::from_secs(60), || {
            let _ = factor_with(4, &a, 400, 380, 401);
            // Each count's bits, and proof that its workers (if any) ran tasks.
            let same_at = |who: &str, t: usize| {
                same_factors(&serial, &factor_with(t, &a, 400, 380, 401)) && workers_take_part(who)
            };
            let child = fork_child(|| [1, 2, 3, 4, 8].iter().all(|&t| same_at("child", t)));
            child_ok(child, Duration::from_secs(30))
                && [8, 3, 1].iter().all(|&t| same_at("parent", t))
        });
    })
}

/// A random `m x n` matrix of `T` (both parts uniform in [-1, 1) for complex).
fn typed_matrix<T: forklu::Scalar>(m: usize, n: usize, seed: u64) -> Vec<T> {
    use forklu::Real;
    let re = random_matrix(m, n, m, seed);
    let im = random_matrix(m, n, m, seed ^ 0xA5A5);
    re.iter()
        .zip(&im)
        .map(|(&r, &i)| T::from_parts(T::Real::from_f64(r), T::Real::from_f64(i)))
        .collect()
}

/// The factors' and then a conjugate-transposed solve's bits, as `u64`s, and the pivots.
fn typed_run<T: forklu::Scalar>(
    threads: usize,
    a: &[T],
    m: usize,
    n: usize,
) -> (Vec<u64>, Vec<i32>) {
    use forklu::Real;
    forklu::set_num_threads(threads);
    let mut lu = a.to_vec();
    let mut ipiv = vec![0i32; m.min(n)];
    lapack::getrf(MatMut::col_major(&mut lu, m, n, m).unwrap(), &mut ipiv).unwrap();
    let mut bits: Vec<u64> = lu
        .iter()
        .flat_map(|v| [v.re().to_f64().to_bits(), v.im().to_f64().to_bits()])
        .collect();
    if m == n {
        let mut b = typed_matrix::<T>(n, 300, 5);
        let luv = MatRef::col_major(&lu, n, n, n).unwrap();
        let bv = MatMut::col_major(&mut b, n, 300, n).unwrap();
        lapack::getrs(lapack::Trans::Conj, luv, &ipiv, bv).unwrap();
        bits.extend(
            b.iter()
                .flat_map(|v| [v.re().to_f64().to_bits(), v.im().to_f64().to_bits()]),
        );
    }
    (bits, ipiv)
}

/// Rule 5 in every precision: `sgetrf`, `cgetrf` and `zgetrf` (and a conjugate-
/// transposed solve) give the same bits for 1, 2, 3, 4 and 8 threads, and so does a
/// fork child, whose workers must be seen to run tasks.
fn every_count_in<T: forklu::Scalar>(name: &str) {
    for (s, &(m, n)) in [(300, 300), (517, 200), (200, 517)].iter().enumerate() {
        let a = typed_matrix::<T>(m, n, 300 + s as u64);
        let serial = typed_run(1, &a, m, n);
        for threads in [2, 3, 4, 8] {
            assert!(
                typed_run(threads, &a, m, n) == serial,
                "{name} {m}x{n}: {threads} threads differ from 1"
            );
        }
    }
    let a = typed_matrix::<T>(256, 256, 9);
    let serial = typed_run(1, &a, 256, 256);
    let child = fork_child(|| {
        [2, 8, 1]
            .iter()
            .all(|&t| typed_run(t, &a, 256, 256) == serial && workers_take_part(name))
    });
    assert!(
        child_ok(child, Duration::from_secs(60)),
        "{name}: the fork child differs"
    );
    assert!(
        typed_run(4, &a, 256, 256) == serial,
        "{name}: the parent differs after the fork"
    );
}

#[test]
fn every_precision_bits_identical_for_1_to_8_threads_and_in_a_fork_child() {
    deadline(
        "every_precision_bits_identical_for_1_to_8_threads_and_in_a_fork_child",
        LIMIT,
        || {
            let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
            every_count_in::<f32>("sgetrf");
            every_count_in::<forklu::C32>("cgetrf");
            every_count_in::<forklu::C64>("zgetrf");
        },
    )
}
