//! Timing: with one thread, every library runs once per round (interleaved), so slow
//! drifts of this shared machine hit all of them alike. With several threads, other
//! libraries' worker threads keep spinning for a while after a call (OpenBLAS, OpenMP
//! in MKL) and would steal the cores, so each library then gets its own blocks of
//! rounds (three, far apart, in the full table) after a pause that lets the others'
//! workers go to sleep.

use crate::loader::{Lapack, Matrix, Precision};
use std::time::Instant;

pub use forklu_testkit::getrf_flops;

/// A benchmark matrix: [`forklu_testkit::random_matrix`] with `lda = m`.
pub fn random_matrix(m: usize, n: usize, seed: u64) -> Vec<f64> {
    forklu_testkit::random_matrix(m, n, m.max(1), seed)
}

/// A benchmark matrix of precision `p`: the parts of [`random_matrix`] (`2m x n` reals
/// for complex, each column's pairs its elements), rounded to `f32` for `s` and `c`.
pub fn random_matrix_of(p: Precision, m: usize, n: usize, seed: u64) -> Matrix {
    Matrix::from_parts(p, &random_matrix(m * p.parts(), n, seed))
}

/// `max |P A v - L U v| / (max row sum of |A| * 2 max(m, n) * eps)` for a fixed `v`, in
/// `f64` complex arithmetic on the parts (`parts` 1 or 2 per element) of `a` and of
/// its factors `lu` (`lda = m`); `eps` the precision's. About 1 for a good factorization.
pub fn residual(a: &[f64], lu: &[f64], ipiv: &[i64], m: usize, n: usize, p: Precision) -> f64 {
    let w = p.parts();
    let at = |x: &[f64], i: usize, j: usize| {
        let o = w * (i + j * m);
        (x[o], if w == 2 { x[o + 1] } else { 0.0 })
    };
    let mul = |(a, b): (f64, f64), (c, d): (f64, f64)| (a * c - b * d, a * d + b * c);
    let add = |(a, b): (f64, f64), (c, d): (f64, f64)| (a + c, b + d);
    let k = m.min(n);
    let v: Vec<(f64, f64)> = (0..n)
        .map(|j| (1.0 + (j % 5) as f64 * 0.25, if w == 2 { 0.5 } else { 0.0 }))
        .collect();
    let mut uv = vec![(0.0, 0.0); k];
    for (j, &vj) in v.iter().enumerate() {
        for (i, u) in uv.iter_mut().enumerate().take(k.min(j + 1)) {
            *u = add(*u, mul(at(lu, i, j), vj));
        }
    }
    let mut luv = vec![(0.0, 0.0); m];
    for (q, &u) in uv.iter().enumerate() {
        luv[q] = add(luv[q], u);
        for (i, l) in luv.iter_mut().enumerate().skip(q + 1) {
            *l = add(*l, mul(at(lu, i, q), u));
        }
    }
    let mut av: Vec<(f64, f64)> = (0..m)
        .map(|i| (0..n).fold((0.0, 0.0), |s, j| add(s, mul(at(a, i, j), v[j]))))
        .collect();
    for (i, &r) in ipiv.iter().enumerate().take(k) {
        let r = (r.max(1) as usize - 1).min(m - 1);
        av.swap(i, r);
    }
    let abs = |(re, im): (f64, f64)| re.hypot(im);
    let anorm = (0..m)
        .map(|i| (0..n).map(|j| abs(at(a, i, j))).sum::<f64>())
        .fold(0.0, f64::max);
    let err = av
        .iter()
        .zip(&luv)
        .map(|(&x, &y)| abs((x.0 - y.0, x.1 - y.1)))
        .fold(0.0, f64::max);
    err / (anorm * 2.0 * m.max(n) as f64 * p.epsilon())
}

/// What one library did on one shape.
pub struct Sample {
    pub median: f64,
    pub best: f64,
    pub ok: bool,
}

/// Pause before a library's block of multi-threaded rounds: longer than OpenBLAS's
/// and OpenMP's default spin-before-sleep times (~0.1 s and 0.2 s).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// Calls made, untimed, after the pause and before a library's block is timed.
const WARM_UP: std::time::Duration = std::time::Duration::from_millis(100);

/// How the calls of the libraries are ordered in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Every library once per round (one thread).
    Interleaved,
    /// Each library's rounds in this many blocks, each after a pause (several threads).
    Blocks(usize),
}

/// Times `?getrf` of every library (all of one precision) on the same `m x n` matrix for
/// about `budget` seconds in all, ordered by `schedule`; returns seconds per call
/// (median, best) and a validity flag.
pub fn time_shape(
    libs: &[Lapack],
    m: usize,
    n: usize,
    budget: f64,
    schedule: Schedule,
) -> Vec<Sample> {
    let p = libs.first().map_or(Precision::D, |l| l.precision);
    let a = random_matrix_of(p, m, n, (m * 31 + n) as u64);
    let a64 = a.to_f64();
    let mut work = random_matrix_of(p, m, n, 0);
    let mut ipiv = vec![0i64; m.min(n)];
    let mut ok = Vec::new();
    let mut first = Vec::new();
    for lib in libs {
        work.copy_from(&a);
        let t = Instant::now();
        let info = lib.getrf(m, n, &mut work, &mut ipiv);
        first.push(t.elapsed().as_secs_f64());
        ok.push(info == 0 && residual(&a64, &work.to_f64(), &ipiv, m, n, p) < 50.0);
    }
    let per_round: f64 = first.iter().sum::<f64>().max(1e-7);
    let rounds = ((budget / per_round) as usize).clamp(3, 2000);
    let mut times = vec![Vec::with_capacity(rounds); libs.len()];
    let mut once = |lib: &Lapack, t: &mut Vec<f64>| {
        work.copy_from(&a);
        let start = Instant::now();
        lib.getrf(m, n, &mut work, &mut ipiv);
        t.push(start.elapsed().as_secs_f64());
    };
    // Every schedule makes its rounds and fills its share of the budget, whichever is
    // longer: a shape of a few microseconds would otherwise be timed for a few
    // milliseconds, which one slow spell of this shared host covers entirely.
    match schedule {
        Schedule::Interleaved => {
            let start = Instant::now();
            let mut round = 0;
            while round < rounds || start.elapsed().as_secs_f64() < budget {
                for (lib, t) in libs.iter().zip(&mut times) {
                    once(lib, t);
                }
                round += 1;
            }
        }
        Schedule::Blocks(blocks) => {
            // Each library's rounds in several blocks far apart in time (rotating
            // order), so a neighbour that takes a core for a second or two (this machine
            // is shared) costs one library some of its samples, not its whole median. A
            // shape with too few rounds for that (reference LAPACK at n = 4000) keeps
            // one block.
            let blocks = if rounds >= 3 * blocks {
                blocks.max(1)
            } else {
                1
            };
            let per_block = rounds.div_ceil(blocks);
            let block_time = budget / (libs.len() * blocks) as f64;
            for b in 0..blocks {
                for k in 0..libs.len() {
                    let i = (k + b) % libs.len();
                    std::thread::sleep(SETTLE);
                    // Warm up for a while, not one call: after the pause the core may
                    // run slow for some milliseconds, which would decide a short block's
                    // median.
                    let mut warm = Vec::new();
                    let start = Instant::now();
                    while warm.len() < 3 || start.elapsed() < WARM_UP {
                        once(&libs[i], &mut warm);
                    }
                    let (start, before) = (Instant::now(), times[i].len());
                    while times[i].len() - before < per_block
                        || start.elapsed().as_secs_f64() < block_time
                    {
                        once(&libs[i], &mut times[i]);
                    }
                }
            }
        }
    }
    times
        .into_iter()
        .zip(ok)
        .map(|(mut t, ok)| {
            t.sort_by(f64::total_cmp);
            Sample {
                median: t[t.len() / 2],
                best: t[0],
                ok,
            }
        })
        .collect()
}
