"""numpy's dgetrf-after-fork hang for one dtype and one call, run in this process.

    python dtype_seed.py DTYPE CALL OUT.npy

DTYPE is float32, float64, complex64 or complex128; CALL one of CALLS below. The parent
makes the call once (which starts the BLAS threads), forks, the child leaves with
sys.exit, and the parent makes the call again: with OpenBLAS 0.3.30 at 8 threads that
second call never returns. The result of the second call is saved to OUT.npy, so
`dtype_table.py` can compare runs with and without the shim (`SEED_NO_FORK=1` skips
the fork: the reference run).
"""

import ctypes
import glob
import os
import sys

import numpy as np
import numpy.linalg  # noqa: F401  imported before the fork
import scipy
import scipy.linalg  # noqa: F401
from numpy.random import default_rng

N = 216  # above OpenBLAS's parallel-getrf threshold in every precision (m n >= 40000)


def numpy_lu_det(a):
    return np.linalg.det(a)


def numpy_slogdet(a):
    sign, logdet = np.linalg.slogdet(a)
    return np.array([sign, logdet])


CALLS = {
    "np.linalg.inv": np.linalg.inv,
    "np.linalg.solve": lambda a: np.linalg.solve(a, np.ones(N, dtype=a.dtype)),
    "np.linalg.det": numpy_lu_det,
    "np.linalg.slogdet": numpy_slogdet,
    "scipy.linalg.solve": lambda a: scipy.linalg.solve(a, np.ones(N, dtype=a.dtype)),
    "scipy.linalg.lu_factor": lambda a: scipy.linalg.lu_factor(a)[0],
    "scipy.linalg.lu": lambda a: scipy.linalg.lu(a)[2],
    "scipy.linalg.det": scipy.linalg.det,
    "scipy.linalg.inv": scipy.linalg.inv,
}


def set_openblas_threads(count):
    """Both bundled OpenBLAS builds (numpy's ILP64 one, scipy's LP64 one) cap
    OMP_NUM_THREADS at the core count; their own setters do not, and the report ran 8
    threads."""
    found = False
    for pkg, setter in ((np, "scipy_openblas_set_num_threads64_"), (scipy, "scipy_openblas_set_num_threads")):
        libs_dir = os.path.join(os.path.dirname(pkg.__file__), "..", f"{pkg.__name__}.libs")
        for lib in glob.glob(os.path.join(libs_dir, "*openblas*")):
            fn = getattr(ctypes.CDLL(lib), setter, None)
            if fn is not None:
                fn(count)
                found = True
    return found


def matrix(dtype):
    rng = default_rng(0)
    a = rng.standard_normal((N, N))
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal((N, N))
    return (a + N * np.eye(N) * 0.1).astype(dtype)


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    dtype, call, out = sys.argv[1], CALLS[sys.argv[2]], sys.argv[3]
    set_openblas_threads(int(os.environ.get("SEED_THREADS", "8")))
    a = matrix(dtype)
    call(a)
    if os.environ.get("SEED_NO_FORK") != "1":
        pid = os.fork()
        if pid == 0:
            sys.exit(0)
        os.waitpid(pid, 0)
    np.save(out, np.asarray(call(a)))
    print("done", flush=True)
