#!/usr/bin/env bash
# numpy's and scipy's own linear-algebra tests, without and with libforklu_scipy.so
# preloaded. Prints pytest's summary line for each run.
#   bash examples/python/suites.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
py="$(bash "$root/examples/python/setup.sh")"
shim="$root/target/release/libforklu_scipy.so"
cd "$(mktemp -d)"  # pytest writes its cache here, not in the checkout

suite() {  # name, pytest arguments...
  local name="$1"; shift
  for mode in alone shim; do
    local pre=""
    [ "$mode" = shim ] && pre="$shim"
    local line
    line=$(LD_PRELOAD="$pre" "$py" -m pytest -q -p no:cacheprovider "$@" 2>&1 | tail -1 || true)
    printf '%-14s %-6s %s\n' "$name" "$mode" "$line"
  done
}

# Which modules' calls the preloaded shim takes (the dynamic linker's own account).
LD_DEBUG=bindings LD_PRELOAD="$shim" "$py" -c "
import numpy as np, scipy.linalg as sl
a = np.random.rand(50, 50); b = np.ones(50)
np.linalg.solve(a, b); np.linalg.det(a); np.linalg.inv(a)
sl.lu_factor(a); sl.solve(a, b); sl.inv(a)" 2>&1 |
  grep 'to .*libforklu_scipy.so.*normal symbol' |
  sed -E 's|.*binding file ([^ ]*) .*symbol `([^'"'"']*).*|\1 \2|; s|^.*/||' | sort -u |
  awk '{ n[$1] = n[$1] " " $2 } END { for (m in n) print "bound to the shim: " m ":" n[m] }' | sort

suite numpy.linalg --pyargs numpy.linalg
suite scipy.linalg --pyargs scipy.linalg
