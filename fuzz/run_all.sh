#!/usr/bin/env bash
# Runs every built libFuzzer target (BUILD_DIR/fuzz/fuzz_*) for SECONDS each,
# on a scratch copy of its seed corpus (the repository is never modified).
# Builds nothing. Exits non-zero if any fuzzer fails or none is found.
#
# Usage: fuzz/run_all.sh BUILD_DIR [SECONDS]   (SECONDS defaults to 30)
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 BUILD_DIR [SECONDS]" >&2
  exit 2
fi
build_dir=$1
seconds=${2:-30}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [[ $seconds -eq 0 ]]; then
  echo "SECONDS must be a positive integer, got '$seconds'" >&2
  exit 2
fi
fuzz_src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tutela_fuzz.XXXXXX")

ran=0
failed=()
for bin in "$build_dir"/fuzz/fuzz_*; do
  [[ -f $bin && -x $bin ]] || continue
  name=$(basename "$bin")
  dir=$work/$name
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if [[ -d $fuzz_src/corpus/$name ]]; then
    cp -R "$fuzz_src/corpus/$name/." "$dir/corpus/"
  fi
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$dir/artifacts/")
  if [[ -f $fuzz_src/dict/$name.dict ]]; then
    args+=(-dict="$fuzz_src/dict/$name.dict")
  fi
  echo "== $name: ${seconds}s"
  ran=$((ran + 1))
  if "$bin" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$' || true)
    echo "   ok (${runs:-?} runs)"
  else
    echo "   FAILED (log: $dir/log)"
    tail -n 40 "$dir/log" | sed 's/^/   | /'
    failed+=("$name")
  fi
done

if [[ $ran -eq 0 ]]; then
  echo "no fuzzers in $build_dir/fuzz: configure with CC=clang CXX=clang++ -DTUTELA_FUZZ=ON" \
       "and build them (ninja -C $build_dir fuzzers)" >&2
  rm -rf "$work"
  exit 2
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed: ${failed[*]}; crash inputs and logs kept in $work" >&2
  exit 1
fi
rm -rf "$work"
echo "all $ran fuzzers passed"
