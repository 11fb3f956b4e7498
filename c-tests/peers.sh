#!/usr/bin/env bash
# Peer mode: runs the C fork scenarios against forklu and every LAPACK that
# bench/peers.sh installs (OpenBLAS 0.3.30, 0.3.34, Debian 0.3.21, MKL), and prints a
# PASS / HANG table. Documentation of the bug forklu fixes; not part of the tests.
#   FORKLU_PEER_THREADS (default 8), FORKLU_PEER_TIMEOUT seconds per run (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/peers.sh
# OpenBLAS picks its own kernel here (the variables are only for old builds).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  cargo test --quiet -p forklu-c-tests --test peer_mode -- --ignored --nocapture 2>&1 \
  | grep -v -E '^(running|test |$)'
