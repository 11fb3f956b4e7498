"""numpy's dgetrf-after-fork hang, with and without forklu: the table in the README.

    "$(bash examples/python/setup.sh)" examples/python/run.py [--reps N] [--timeout S]

Runs each scenario of seed.py in its own process under a timeout, first on numpy's
bundled OpenBLAS alone, then with LD_PRELOAD=libforklu_scipy.so, at 8 threads for both
(OMP_NUM_THREADS for forklu, OpenBLAS's own setter for OpenBLAS). A run that does not
finish in time is a HANG. Every finished run's det, solve and inv are compared with a
run of the same numpy with no fork and no shim. Exit status 1 if any shimmed run fails.
"""

import argparse
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import watchdog  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "seed.py")
SCENARIOS = ["seed", "child_exit", "warm", "multiprocessing", "thread_fork"]
DEFAULT_SHIM = os.path.join(HERE, "..", "..", "target", "release", "libforklu_scipy.so")


def run(scenario, out, shim, timeout):
    """One run of seed.py: 'PASS', 'HANG' or 'FAIL ...'."""
    return watchdog.run([SEED, scenario, out], shim, timeout)


def max_rel_diff(a_path, b_path):
    a, b = np.load(a_path), np.load(b_path)
    worst = 0.0
    for key in ("det", "solve", "inv"):
        x, y = a[key], b[key]
        worst = max(worst, float(np.max(np.abs(x - y)) / max(np.max(np.abs(y)), 1e-300)))
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=10, help="runs per scenario with the shim")
    ap.add_argument("--openblas-reps", type=int, default=2, help="runs per scenario without it")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--shim", default=DEFAULT_SHIM)
    args = ap.parse_args()
    shim = os.path.abspath(args.shim)
    if not os.path.exists(shim):
        sys.exit(f"{shim} missing: cargo build --release -p forklu-scipy")

    print(f"numpy {np.__version__}, 8 threads, timeout {args.timeout:.0f} s")
    tmp = tempfile.mkdtemp(prefix="forklu-seed-")
    base = os.path.join(tmp, "baseline.npz")
    if run("baseline", base, None, args.timeout) != "PASS":
        sys.exit("baseline run failed")

    print(f"| scenario | OpenBLAS alone ({args.openblas_reps} runs) | with libforklu_scipy.so ({args.reps} runs) | max rel. diff vs un-shimmed |")
    print("|---|---|---|---|")
    bad = 0
    for s in SCENARIOS:
        alone = [run(s, os.path.join(tmp, f"{s}-ob.npz"), None, args.timeout) for _ in range(args.openblas_reps)]
        shimmed, diff = [], 0.0
        for i in range(args.reps):
            out = os.path.join(tmp, f"{s}-fl{i}.npz")
            verdict = run(s, out, shim, args.timeout)
            shimmed.append(verdict)
            if verdict == "PASS":
                diff = max(diff, max_rel_diff(out, base))
        ok = sum(v == "PASS" for v in shimmed)
        bad += args.reps - ok
        diff_text = f"{diff:.1e}" if ok else "-"
        print(f"| {s} | {summary(alone)} | {summary(shimmed)} | {diff_text} |", flush=True)
        for v in set(shimmed) - {"PASS", "HANG"}:
            print(f"  {s} with shim: {v}")
    sys.exit(1 if bad else 0)


def summary(verdicts):
    counts = {}
    for v in verdicts:
        key = v.split(":")[0]
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k} {n}/{len(verdicts)}" for k, n in sorted(counts.items()))


if __name__ == "__main__":
    main()
