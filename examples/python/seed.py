"""One scenario of numpy's dgetrf-after-fork hang, run in this process.

    python seed.py SCENARIO OUT.npz

Every scenario ends with numpy.linalg.det, solve and inv of one fixed matrix in the
parent, saved to OUT.npz so `run.py` can compare runs. A scenario that hangs never
gets there: `run.py` runs this under a timeout.

Scenarios:
  baseline       no fork at all (the reference results)
  seed           numpy's report: fork, the child exits (sys.exit), the parent factors
  child_exit     the same, the child leaves through os._exit after its own solve
  warm           the parent factors, forks, the child exits, the parent factors again
  multiprocessing  a multiprocessing Pool (fork start method) solves in its workers,
                 then the parent factors
  thread_fork    a second Python thread runs numpy.linalg.solve in a loop while the
                 main thread forks 20 times; each child solves and exits
"""

import ctypes
import glob
import multiprocessing
import os
import sys
import threading

import numpy as np
import numpy.linalg  # noqa: F401  imported before any fork: a child must not import
from numpy.random import default_rng

N = 200  # the report's size: large enough for OpenBLAS to thread dgetrf


def set_openblas_threads(count):
    """numpy's bundled OpenBLAS caps OMP_NUM_THREADS at the core count; its own
    setter does not, and the report ran 8 threads. Returns False without one."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
    if not libs:
        return False
    ctypes.CDLL(libs[0]).scipy_openblas_set_num_threads64_(count)
    return True


def matrix(seed=0, n=N):
    return default_rng(seed).standard_normal((n, n)) + n * np.eye(n) * 0.1


def finish(out):
    a = matrix()
    b = np.arange(N, dtype=float)
    np.savez(out, det=np.linalg.det(a), solve=np.linalg.solve(a, b), inv=np.linalg.inv(a))
    print("done", flush=True)


def fork_and_wait(child):
    pid = os.fork()
    if pid == 0:
        child()
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise SystemExit(f"child failed with status {status}")


def child_sys_exit():
    sys.exit(0)


def child_solve_then_exit():
    x = np.linalg.solve(matrix(1), np.ones(N))
    os._exit(0 if np.allclose(matrix(1) @ x, 1.0) else 3)


def pool_task(seed):
    a = matrix(seed)
    x = np.linalg.solve(a, np.ones(N))
    return float(np.abs(a @ x - 1.0).max())


def scenario(name):
    if name == "baseline":
        return
    if name == "seed":
        fork_and_wait(child_sys_exit)
    elif name == "child_exit":
        fork_and_wait(child_solve_then_exit)
    elif name == "warm":
        np.linalg.det(matrix(2))
        fork_and_wait(child_sys_exit)
    elif name == "multiprocessing":
        np.linalg.det(matrix(2))
        with multiprocessing.get_context("fork").Pool(4) as pool:
            worst = max(pool.map(pool_task, range(16)))
        if worst > 1e-8:
            raise SystemExit(f"pool residual {worst}")
    elif name == "thread_fork":
        stop = threading.Event()

        def churn():
            while not stop.is_set():
                np.linalg.solve(matrix(3), np.ones(N))

        t = threading.Thread(target=churn)
        t.start()
        try:
            for _ in range(20):
                fork_and_wait(child_solve_then_exit)
        finally:
            stop.set()
            t.join()
    else:
        raise SystemExit(f"unknown scenario {name}")


if __name__ == "__main__":
    import warnings

    # Python 3.12+ warns about fork in a threaded process: that hazard is the point here.
    warnings.simplefilter("ignore", DeprecationWarning)
    set_openblas_threads(int(os.environ.get("SEED_THREADS", "8")))
    scenario(sys.argv[1])
    finish(sys.argv[2])
