#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when something is missing:
# libclang-dev (bindgen reads the header), liblapack3 + libblas3 (the reference
# LAPACK the conformance test compares against), valgrind, pkg-config.
set -euo pipefail

missing=()
# libclang.so or libclang-N.so.M exactly: libclang-cpp (pulled in by other
# packages) is a different library that bindgen cannot use.
compgen -G '/usr/lib/llvm-*/lib/libclang.so*' >/dev/null \
  || compgen -G '/usr/lib/llvm-*/lib/libclang-[0-9]*.so*' >/dev/null \
  || missing+=(libclang-dev)
[ -e /usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3 ] || missing+=(liblapack3)
[ -e /usr/lib/x86_64-linux-gnu/blas/libblas.so.3 ] || missing+=(libblas3)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v c++ >/dev/null 2>&1 || missing+=(g++)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
