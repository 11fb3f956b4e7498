#!/usr/bin/env bash
# Builds libforklu in release and installs what a C program needs under PREFIX:
#   lib/libforklu.a
#   lib/libforklu.so.0                  the shared library, under its SONAME
#   lib/libforklu.so -> libforklu.so.0  for `cc ... -lforklu`
#   lib/libforklu_scipy.so              the numpy/scipy shim, for LD_PRELOAD
#   lib/pkgconfig/forklu.pc
#   include/forklu.h
# Usage: ffi/install.sh PREFIX   (cargo's own variables, CARGO_TARGET_DIR say, apply)
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
cargo=${CARGO:-cargo}
cd "$root"

# What a C program must add when it links libforklu.a: the list
# `rustc --print native-static-libs` reports for forklu-ffi (a c-tests test checks it).
native_static_libs="-lc -lm -lrt -lpthread"

"$cargo" build --release -p forklu-ffi -p forklu-scipy
target=$("$cargo" metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
release="$target/release"
id=$("$cargo" pkgid -p forklu-ffi) # path+file:///.../ffi#forklu-ffi@0.1.0
version=${id##*[#@]}
major=${version%%.*}
if [ -z "$target" ] || [ ! -f "$release/libforklu.so" ] || [ -z "$major" ]; then
  echo "$0: cannot find the built library (target dir '$target', version '$version')" >&2
  exit 1
fi

install -d "$prefix/lib/pkgconfig" "$prefix/include"
install -m 644 "$release/libforklu.a" "$prefix/lib/libforklu.a"
install -m 755 "$release/libforklu.so" "$prefix/lib/libforklu.so.$major"
ln -sfn "libforklu.so.$major" "$prefix/lib/libforklu.so"
install -m 755 "$release/libforklu_scipy.so" "$prefix/lib/libforklu_scipy.so"
install -m 644 include/forklu.h "$prefix/include/forklu.h"
cat >"$prefix/lib/pkgconfig/forklu.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: forklu
Description: LU factorization (LAPACK dgetrf family), no allocation, fork-safe
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -lforklu
Libs.private: $native_static_libs
PC
echo "installed libforklu $version under $prefix" >&2
