#!/usr/bin/env bash
# Installs the peers forklu is measured against into a scratch folder and writes the
# manifest (peers.tsv) that bench/main.sh, the peers runner and c-tests/peers.sh read:
#   scipy-openblas64 0.3.34 and 0.3.30 (the fork-bug build), scipy-openblas32 0.3.34,
#   Intel MKL (PyPI), Debian reference LAPACK 3.11 and Debian OpenBLAS 0.3.21.
# Idempotent. Folder: $FORKLU_PEERS_DIR, default target/peers.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${FORKLU_PEERS_DIR:-$PWD/target/peers}
mkdir -p "$dir"

pip_into() { # name spec
  if [ ! -d "$dir/$1" ]; then
    echo "peers: installing $2"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --prefix "$dir/$1" "$2" >/dev/null
  fi
}
pip_into ob64-0.3.34 scipy-openblas64==0.3.34.481.3
pip_into ob64-0.3.30 scipy-openblas64==0.3.30.0.0
pip_into ob32-0.3.34 scipy-openblas32==0.3.34.481.3
pip_into mkl mkl==2026.2.0

debs=()
[ -e /usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3 ] || debs+=(liblapack3)
[ -e /usr/lib/x86_64-linux-gnu/blas/libblas.so.3 ] || debs+=(libblas3)
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 ] || debs+=(libopenblas0-pthread)
if [ ${#debs[@]} -gt 0 ]; then
  echo "peers: apt-get install ${debs[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null
fi

find_lib() { find "$dir/$1" -name "$2" | head -n 1; }
{
  printf '# name\tpath\tdgetrf\tbits\tsetter\tsetter-arg\tpreload\tcorename\n'
  printf 'openblas-0.3.34\t%s\tscipy_dgetrf_64_\t64\tscipy_openblas_set_num_threads64_\tint\t-\tscipy_openblas_get_corename64_\n' \
    "$(find_lib ob64-0.3.34 'libscipy_openblas64_*.so')"
  printf 'openblas-0.3.30\t%s\tscipy_dgetrf_64_\t64\tscipy_openblas_set_num_threads64_\tint\t-\tscipy_openblas_get_corename64_\n' \
    "$(find_lib ob64-0.3.30 'libscipy_openblas64_*.so')"
  printf 'openblas32-0.3.34\t%s\tscipy_dgetrf_\t32\tscipy_openblas_set_num_threads\tint\t-\tscipy_openblas_get_corename\n' \
    "$(find_lib ob32-0.3.34 'libscipy_openblas*.so')"
  mkl_rt=$(find_lib mkl 'libmkl_rt.so.*')
  printf 'mkl-2026.2\t%s\tdgetrf_\t32\tMKL_Set_Num_Threads\tint\t-\t-\n' "$mkl_rt"
  printf 'debian-openblas-0.3.21\t/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0\tdgetrf_\t32\topenblas_set_num_threads\tint\t-\topenblas_get_corename\n'
  printf 'reference-lapack-3.11\t/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3\tdgetrf_\t32\t-\t-\t/usr/lib/x86_64-linux-gnu/blas/libblas.so.3\t-\n'
} > "$dir/peers.tsv"
echo "peers: manifest $dir/peers.tsv"
