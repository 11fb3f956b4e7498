#!/usr/bin/env bash
# The project's test command (README): installs what the tests need on a fresh
# Debian machine, then runs formatting, lints, the no_std build and every test with
# the kernel this CPU picks, then the core's LU tests, the fork scenarios (Rust and C)
# and the conformance suite once more under each other kernel (FORKLU_ARCH=scalar,
# avx2). Ends with a summary: per pass, the tests and the conformance checks per
# precision, then one line: tests passed, SKIP lines (checks a test could not make on
# this CPU, such as a kernel it lacks), tests failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# A hang anywhere fails the command instead of stalling CI: the whole run, installs
# included, gets FORKLU_TEST_TIMEOUT seconds (default 20 minutes; it takes 5 to 8 from
# a fresh clone on 2 cores).
if [ -z "${FORKLU_TEST_UNDER_TIMEOUT:-}" ]; then
  limit=${FORKLU_TEST_TIMEOUT:-1200}
  rc=0
  FORKLU_TEST_UNDER_TIMEOUT=1 timeout --kill-after=30 "$limit" bash "$0" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "forklu: the test command was killed after ${limit} s (FORKLU_TEST_TIMEOUT)"
  fi
  exit "$rc"
fi

if [ -x c-tests/setup-deps.sh ] || [ -f c-tests/setup-deps.sh ]; then
  bash c-tests/setup-deps.sh
fi

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== no_std core without libc"
cargo build --quiet -p forklu --no-default-features

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=0

# Runs a cargo command (after the label), its output to the terminal and to
# $logs/<label>; a failing command is remembered, and the next pass still runs.
pass() {
  local label=$1
  shift
  echo "== $label"
  "$@" 2>&1 | tee "$logs/$label" || failed=1
}

# "<label>: P passed, S skipped, F failed" from the logs given. A test binary killed
# by a signal (a deadline's abort, a crash) prints no result line: it counts as one
# failure. A SKIP line (one write to stderr) can land inside a line libtest is printing
# on stdout, so skips are counted wherever they appear.
summary() {
  local label=$1
  shift
  awk -v label="$label" '
    /^test result:/ { p += $4; f += $6 }
    { s += gsub(/SKIP [^:]+: /, "&") }
    /process didn.t exit successfully: .*signal:/ { f++ }
    END { printf "%s: %d passed, %d skipped, %d failed\n", label, p, s, f }
  ' "$@"
}

# "<label> conformance: s N, d N, c N, z N checks, F failures" from the count lines the
# conformance test prints (c-tests/tests/conformance.rs), when the logs have them.
checks() {
  local label=$1
  shift
  awk -v label="$label" '
    /^conformance [sdcz]: [0-9]+ checks, [0-9]+ failures$/ { p = substr($2, 1, 1); c[p] += $3; f += $5; n++ }
    END { if (n) printf "%s conformance: s %d, d %d, c %d, z %d checks, %d failures\n", label, c["s"], c["d"], c["c"], c["z"], f }
  ' "$@"
}

pass native env -u FORKLU_ARCH -u FORKLU_TEST_THREADS cargo test --workspace --no-fail-fast

# The other kernels: the core's unit tests (the LU routines and their kernels), the
# fork scenarios in Rust and C (2 and 8 threads, to keep the run short), the
# conformance suite, and the kernel checks that make each pass test what it says.
passes=(native)
for arch in scalar avx2; do
  pass "kernel-check-$arch" env FORKLU_ARCH="$arch" \
    cargo test --no-fail-fast -p forklu --test kernel
  if grep -q '^SKIP ' "$logs/kernel-check-$arch"; then
    echo "== $arch: this CPU cannot run it, the rest of its pass is skipped"
    continue
  fi
  passes+=("$arch")
  pass "$arch" env FORKLU_ARCH="$arch" FORKLU_TEST_THREADS=2,8 \
    cargo test --no-fail-fast \
    -p forklu --lib --test fork --test thread_counts \
    -p forklu-c-tests --test kernel --test fork_scenarios --test conformance
done

echo "== summary"
summary "native kernel" "$logs/native"
checks "native kernel" "$logs/native"
for arch in scalar avx2; do
  if [ -e "$logs/$arch" ]; then
    summary "FORKLU_ARCH=$arch" "$logs/kernel-check-$arch" "$logs/$arch"
    checks "FORKLU_ARCH=$arch" "$logs/$arch"
  else
    summary "FORKLU_ARCH=$arch" "$logs/kernel-check-$arch"
  fi
done
line=$(summary forklu "$logs"/*)
echo "$line (kernel passes: ${passes[*]})"
case "$line" in
  *" 0 failed") ;;
  *) failed=1 ;;
esac
exit "$failed"
