#!/usr/bin/env bash
# The main job: the OpenBLAS 0.3.30 fork reproducer run against forklu, then a short
# speed table (forklu alone, or beside the peers installed by bench/peers.sh).
# Needs only Rust and a C compiler; takes a minute or two.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== building libforklu (release)"
cargo build --release --quiet -p forklu-ffi
mkdir -p target/bench
cc -std=c11 -O2 -D_GNU_SOURCE -Iinclude bench/demo/demo.c target/release/libforklu.a \
  -Wl,--gc-sections -lpthread -lm -o target/bench/demo

echo "== the fork reproducer (dgesv, fork, child factors and exits, parent factors again)"
for threads in 1 8; do
  if ! timeout 120 target/bench/demo 1000 "$threads"; then
    echo "   FAILED or HUNG (watchdog: 120 s)"; exit 1
  fi
done
strip -o target/bench/demo.stripped target/bench/demo
echo "   static C executable calling dgesv_: $(stat -c %s target/bench/demo.stripped) bytes stripped"

echo "== speed"
# OpenBLAS picks its kernel itself for the benchmark (these variables are set on some
# machines to work around old builds; they are never changed for tests).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  cargo run --release --quiet -p forklu-bench --bin peers -- --quick
