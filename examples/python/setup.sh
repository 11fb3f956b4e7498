#!/usr/bin/env bash
# Makes the venv the Python examples run in (target/python-venv: scratch, never
# committed) with numpy 2.3.2, the release whose bundled OpenBLAS 0.3.30 hangs in
# dgetrf after fork, and scipy; builds libforklu_scipy.so. Prints the venv's python.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/target/python-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
fi
"$venv/bin/pip" install -q -r "$root/examples/python/requirements.txt" >&2
(cd "$root" && cargo build --release --quiet -p forklu-scipy >&2)
echo "$venv/bin/python"
