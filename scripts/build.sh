#!/usr/bin/env bash
# Configures and builds one flavour of Tutela with CMake + Ninja.
#   scripts/build.sh release   -> build/        (g++, -O2, tests)
#   scripts/build.sh asan      -> build-asan/   (clang-14, ASan+UBSan, no recovery, fuzzers)
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=${JOBS:-$(nproc)}
case "$flavour" in
  release)
    dir=build
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER=g++ >/dev/null
    ;;
  asan)
    dir=build-asan
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
      -DTUTELA_SANITIZE=ON -DTUTELA_FUZZ=ON >/dev/null
    ;;
  *) echo "usage: $0 release|asan" >&2; exit 2 ;;
esac
ninja -C "$dir" -j "$jobs"
echo "built $flavour in $dir" >&2
