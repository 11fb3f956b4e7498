//! Criterion benchmarks of forklu's own routines (no peers; see `src/bin/peers.rs` for
//! the side-by-side comparison): getrf, getrs and gemm at representative sizes, on one
//! thread and on every core. `cargo bench -p forklu-bench`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use forklu::lapack::{Trans, getrf, getrs};
use forklu::unstable::gemm;
use forklu::{MatMut, MatRef};
use forklu_bench::timing::{getrf_flops, random_matrix};
use std::hint::black_box;

fn thread_counts() -> Vec<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores > 1 { vec![1, cores] } else { vec![1] }
}

fn bench_getrf(c: &mut Criterion) {
    let mut g = c.benchmark_group("getrf");
    for threads in thread_counts() {
        for n in [64usize, 256, 1000] {
            let a = random_matrix(n, n, 1);
            let mut work = a.clone();
            let mut ipiv = vec![0i32; n];
            g.throughput(Throughput::Elements(getrf_flops(n, n) as u64));
            g.bench_with_input(BenchmarkId::new(format!("{threads}thr"), n), &n, |b, &n| {
                forklu::set_num_threads(threads);
                b.iter(|| {
                    work.copy_from_slice(&a);
                    black_box(getrf(
                        MatMut::col_major(&mut work, n, n, n).unwrap(),
                        &mut ipiv,
                    ))
                    .ok();
                })
            });
        }
    }
    g.finish();
}

fn bench_getrs(c: &mut Criterion) {
    let mut g = c.benchmark_group("getrs");
    let (n, nrhs) = (500usize, 100usize);
    let mut lu = random_matrix(n, n, 2);
    let mut ipiv = vec![0i32; n];
    getrf(MatMut::col_major(&mut lu, n, n, n).unwrap(), &mut ipiv).unwrap();
    let b0 = random_matrix(n, nrhs, 3);
    let mut b = b0.clone();
    for threads in thread_counts() {
        g.throughput(Throughput::Elements((2 * n * n * nrhs) as u64));
        g.bench_function(
            BenchmarkId::new(format!("{threads}thr"), format!("{n}x{nrhs}")),
            |bench| {
                forklu::set_num_threads(threads);
                bench.iter(|| {
                    b.copy_from_slice(&b0);
                    let lu = MatRef::col_major(&lu, n, n, n).unwrap();
                    black_box(getrs(
                        Trans::No,
                        lu,
                        &ipiv,
                        MatMut::col_major(&mut b, n, nrhs, n).unwrap(),
                    ))
                    .ok();
                })
            },
        );
    }
    g.finish();
}

fn bench_gemm(c: &mut Criterion) {
    let mut g = c.benchmark_group("gemm");
    for n in [64usize, 256, 1000] {
        let a = random_matrix(n, n, 4);
        let bm = random_matrix(n, n, 5);
        let mut cm = random_matrix(n, n, 6);
        g.throughput(Throughput::Elements((2 * n * n * n) as u64));
        g.bench_with_input(BenchmarkId::new("1thr", n), &n, |b, &n| {
            b.iter(|| {
                let (av, bv) = (
                    MatRef::col_major(&a, n, n, n).unwrap(),
                    MatRef::col_major(&bm, n, n, n).unwrap(),
                );
                gemm(
                    -1.0,
                    av,
                    bv,
                    1.0,
                    &mut MatMut::col_major(&mut cm, n, n, n).unwrap(),
                )
                .unwrap();
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = bench_getrf, bench_getrs, bench_gemm
}
criterion_main!(benches);
