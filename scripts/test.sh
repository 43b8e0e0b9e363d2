#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the whole test suite:
# g++ -O2 build + tests, clang-14 ASan+UBSan build + tests, and every libFuzzer
# target for FUZZ_SECONDS (default 30) each. Every step runs under a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-30}

timeout 900 bash scripts/setup.sh
timeout 1500 bash scripts/build.sh release
timeout 2100 bash scripts/build.sh asan
if [ -x fuzz/run_all.sh ] || [ -f fuzz/run_all.sh ]; then
  timeout 600 bash fuzz/run_all.sh build-asan "$FUZZ_SECONDS"
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== tests: clang-14 ASan+UBSan ==" >&2
timeout 1200 ctest --test-dir build-asan --output-on-failure -j 2
echo "== tests: g++ -O2 ==" >&2
timeout 900 ctest --test-dir build --output-on-failure -j 2
