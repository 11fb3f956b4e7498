"""The seed case in every dtype numpy and scipy factor in, with and without forklu.

    "$(bash examples/python/setup.sh)" examples/python/dtype_table.py [--reps N]

For each dtype (float32, float64, complex64, complex128) and each LU-based call of
numpy.linalg and scipy.linalg (dtype_seed.py's CALLS), runs dtype_seed.py in its own
process under a timeout: once with no fork (the reference), on the bundled OpenBLAS
alone, and with LD_PRELOAD=libforklu_scipy.so, at 8 threads for both. A run that does
not finish in time is a HANG. Each shimmed run's result is compared with the
reference. Prints a markdown table; exit status 1 if any shimmed run failed.
"""

import argparse
import os
import sys
import tempfile

import numpy as np
import scipy

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "dtype_seed.py")
DTYPES = ["float32", "float64", "complex64", "complex128"]
DEFAULT_SHIM = os.path.join(HERE, "..", "..", "target", "release", "libforklu_scipy.so")
sys.path.insert(0, HERE)
from dtype_seed import CALLS  # noqa: E402
import watchdog  # noqa: E402


def run(dtype, call, out, shim, timeout, fork=True):
    """One run of dtype_seed.py: 'PASS', 'HANG' or 'FAIL ...'."""
    extra = {} if fork else {"SEED_NO_FORK": "1"}
    return watchdog.run([SEED, dtype, call, out], shim, timeout, extra)


def rel_diff(a_path, b_path):
    """Largest difference relative to the reference's largest finite magnitude; equal
    entries (an overflowed float32 det is inf in both) count as no difference."""
    # In double precision: float32 would round the scale's floor (1e-300) to zero.
    x, y = (np.load(p) for p in (a_path, b_path))
    x, y = (v.astype(np.result_type(v.dtype, np.float64)) for v in (x, y))
    with np.errstate(invalid="ignore"):
        d = np.where(x == y, 0.0, np.abs(x - y))
    scale = np.max(np.abs(y[np.isfinite(y)]), initial=1e-300)
    return float(np.max(d) / scale)


def tally(results):
    hangs = sum(r == "HANG" for r in results)
    fails = [r for r in results if r.startswith("FAIL")]
    if fails:
        return f"**FAIL** {len(fails)}/{len(results)}"
    if hangs:
        return f"HANG {hangs}/{len(results)}"
    return f"pass {len(results)}/{len(results)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3, help="runs per cell with the shim")
    ap.add_argument("--openblas-reps", type=int, default=1, help="runs per cell without it")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--shim", default=DEFAULT_SHIM)
    args = ap.parse_args()
    shim = os.path.abspath(args.shim)
    if not os.path.exists(shim):
        sys.exit(f"{shim} missing: cargo build --release -p forklu-scipy")
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, 8 threads, n = 216, timeout {args.timeout:.0f} s")
    print(f"| dtype | call | OpenBLAS alone ({args.openblas_reps} run) | with libforklu_scipy.so ({args.reps} runs) | max rel. diff vs no fork |")
    print("|---|---|---|---|---|")
    tmp = tempfile.mkdtemp(prefix="forklu-dtypes-")
    bad = 0
    for dtype in DTYPES:
        for call in CALLS:
            tag = f"{dtype}-{call}".replace(".", "_")
            ref = os.path.join(tmp, f"{tag}-ref.npy")
            if run(dtype, call, ref, None, args.timeout, fork=False) != "PASS":
                print(f"| {dtype} | `{call}` | reference run failed | | |")
                bad += 1
                continue
            alone = [run(dtype, call, os.path.join(tmp, f"{tag}-alone.npy"), None, args.timeout) for _ in range(args.openblas_reps)]
            shimmed, worst = [], 0.0
            for i in range(args.reps):
                out = os.path.join(tmp, f"{tag}-shim{i}.npy")
                r = run(dtype, call, out, shim, args.timeout)
                shimmed.append(r)
                if r == "PASS":
                    worst = max(worst, rel_diff(out, ref))
            ok = all(r == "PASS" for r in shimmed)
            bad += not ok
            print(f"| {dtype} | `{call}` | {tally(alone)} | {tally(shimmed)} | {worst:.1e} |", flush=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
