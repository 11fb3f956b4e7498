#!/usr/bin/env bash
# The project's test command (README): installs what the tests need on a fresh
# Debian machine, then runs formatting, lints, the no_std build and every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x c-tests/setup-deps.sh ] || [ -f c-tests/setup-deps.sh ]; then
  bash c-tests/setup-deps.sh
fi

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== no_std core without libc"
cargo build --quiet -p forklu --no-default-features
echo "== cargo test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace 2>&1 | tee "$log"
# One total over every test binary (cargo's last line is only the last binary's).
awk '/^test result:/ { p += $4; f += $6 } END { printf "forklu: %d passed, %d failed\n", p, f }' "$log"
