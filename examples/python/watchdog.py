"""Runs one seed script in its own process under a timeout, as run.py and
dtype_table.py both do: 8 threads for forklu (OMP_NUM_THREADS) and for OpenBLAS
(SEED_THREADS, applied through its own setter), optionally with the shim preloaded."""

import os
import subprocess
import sys


def run(argv, shim, timeout, extra_env=None):
    """Runs `python argv...`: 'PASS', 'HANG' (killed at the timeout, with every process
    of its session) or 'FAIL rc=...: <end of stderr>'."""
    env = dict(os.environ, OMP_NUM_THREADS="8", SEED_THREADS="8", **(extra_env or {}))
    env.pop("LD_PRELOAD", None)
    if shim:
        env["LD_PRELOAD"] = shim
    try:
        # A new session, so a hang's forked children go down with it.
        p = subprocess.Popen(
            [sys.executable, *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        _, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        p.wait()
        return "HANG"
    if p.returncode != 0:
        return f"FAIL rc={p.returncode}: {err.decode(errors='replace').strip()[-200:]}"
    return "PASS"
