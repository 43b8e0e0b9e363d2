#!/usr/bin/env bash
# Profiles `tutela quality --data` (the in-memory import with full normalisation
# and validation) with Linux perf and prints where the time goes.
#
#   bench/profile_import.sh [--size-mb N] [--freq HZ] [--tutela PATH] [--data-dir DIR]
#
# Uses the data set that run_import.sh generates (run that first, or this script
# generates it the same way). Needs `perf` (Debian: linux-perf) and python3.
# DWARF call graphs work on the default RelWithDebInfo build (-O2 -g1).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SIZE_MB=1024
FREQ=49
TUTELA=${TUTELA_BIN:-}
DATA=$HERE/data
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) SIZE_MB=$2; shift 2 ;;
    --freq) FREQ=$2; shift 2 ;;
    --tutela) TUTELA=$2; shift 2 ;;
    --data-dir) DATA=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "profile_import.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "profile_import.sh: perf is missing (apt-get install linux-perf)" >&2; exit 2; }
if [ -z "$TUTELA" ]; then
  for cand in "$ROOT/build-bench/tutela" "$ROOT/build/tutela"; do
    if [ -x "$cand" ]; then TUTELA=$cand; break; fi
  done
fi
[ -n "$TUTELA" ] || { echo "profile_import.sh: no tutela binary; pass --tutela" >&2; exit 2; }

DIR=$DATA/size-${SIZE_MB}mb/full
if [ ! -s "$DIR/hotel_checkins.csv" ]; then
  mkdir -p "$DIR"
  g++ -O2 -std=c++20 -o "$DATA/gen_hotel_checkins" "$HERE/gen_hotel_checkins.cc"
  "$DATA/gen_hotel_checkins" --areas "$ROOT/data/regions/areas.csv" \
    --out "$DIR/hotel_checkins.csv" --size-mb "$SIZE_MB"
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
perf record -q -F "$FREQ" --call-graph dwarf,16384 -o "$OUT/perf.data" -- \
  "$TUTELA" quality --data "$DIR" >/dev/null 2>"$OUT/stderr"
perf script -i "$OUT/perf.data" -F comm,period,ip,sym 2>/dev/null |
  python3 "$HERE/perf_summary.py" \
    "ImportFiles" "ReadWholeFile" "FindInvalidUtf8" "CsvReader::Next" "RowBuilder::Finish" \
    "RowBuilder::ParseCell" "ParseDateTime" "PersonDict::Intern" "StringDict::Intern" \
    "Column::Append" "FinalizeCatalog" "BuildQualityReport" "CountExactDuplicates" \
    "~StringDict" "~PersonDict" "malloc_consolidate" "clear_page_erms"
