#!/usr/bin/env bash
# Engine benchmarks (issue 5): Tutela vs DuckDB (2 threads) on the same generated data with
# equivalent SQL, SQLite at a tenth of the scale, and the full model library at demo scale.
# Measures and prints Markdown tables; it never passes or fails on a time.
#
#   bench/run_engine.sh [--scale S] [--runs R] [--only LIST] [--repeat N] [--timeout SEC]
#                       [--library-scale N] [--threads T] [--tutela PATH] [--data-dir DIR]
#
#   --scale S          workload data, 1 = issue 5's sizes (20 M check-ins, 10 M persons,
#                      2.1 M institutions); 0.01 is a smoke run. SQLite gets S/10. Default 1.
#   --runs R           rounds (default 3); a round runs each system once, interleaved
#   --only LIST        comma-separated subset of join,interval,distance,median,anti,library
#   --repeat N         executions of the query inside each DuckDB process (default 3)
#   --timeout SEC      a process running longer is stopped, reported as a timeout and not
#                      run again (default 900)
#   --library-scale N  demo-data scale of the full-library benchmark (default 100)
#   --threads T        threads of Tutela and DuckDB (default 2)
#   --tutela PATH      the tutela binary (default $TUTELA_BIN, build-bench/ or build/tutela)
#   --data-dir DIR     data, databases and logs (default bench/data, git-ignored)
#
# Needs: g++, node >= 20 + npm (DuckDB from bench/package.json), sqlite3 >= 3.38 with math
# functions, /usr/bin/time, timeout. Peak RSS is /usr/bin/time's maximum resident set size
# of the whole process (load and query together; node's runtime included for DuckDB).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SCALE=1
RUNS=3
ONLY=join,interval,distance,median,anti,library
REPEAT=3
TIMEOUT=900
LIB_SCALE=100
THREADS=2
AS_OF=2026-06-30
TUTELA=${TUTELA_BIN:-}
DATA=$HERE/data
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --library-scale) LIB_SCALE=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --tutela) TUTELA=$2; shift 2 ;;
    --data-dir) DATA=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0" | cut -c3-; exit 0 ;;
    *) echo "run_engine.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
# shellcheck source=bench/engine/measure.sh
. "$HERE/engine/measure.sh"
# shellcheck source=bench/engine/report.sh
. "$HERE/engine/report.sh"
# shellcheck source=bench/engine/library.sh
. "$HERE/engine/library.sh"

require_tools run_engine.sh g++ node npm sqlite3 /usr/bin/time timeout
find_tutela
ensure_duckdb
WORKLOADS=()
for w in join interval distance median anti; do
  [[ ",$ONLY," == *",$w,"* ]] && WORKLOADS+=("$w")
done
SCALE=$(awk -v s="$SCALE" 'BEGIN { printf "%g", s }')
TENTH=$(awk -v s="$SCALE" 'BEGIN { printf "%g", s / 10 }')
WORK=$DATA/engine-work
rm -rf "$WORK"
mkdir -p "$WORK/empty"
if ! "$TUTELA" sql --data "$WORK/empty" --timing "SELECT 1" 2>&1 >/dev/null | grep -q '^timing:'; then
  echo "run_engine.sh: $TUTELA has no 'sql --timing'" >&2
  exit 2
fi

# ---- data --------------------------------------------------------------------
# gen_set S: generates $DATA/engine-sS once, with one directory of links per workload.
gen_set() {
  local dir=$DATA/engine-s$1 gen=$DATA/gen_engine_data w t
  if [ ! -x "$gen" ] || [ "$HERE/gen_engine_data.cc" -nt "$gen" ] ||
    [ "$HERE/gen_common.h" -nt "$gen" ]; then
    mkdir -p "$DATA"
    g++ -O2 -std=c++20 -o "$gen" "$HERE/gen_engine_data.cc"
  fi
  if [ ! -f "$dir/.complete" ] || [ "$gen" -nt "$dir/.complete" ]; then
    log "generating $dir (scale $1)"
    rm -rf "$dir"
    mkdir -p "$dir"
    "$gen" --areas "$ROOT/data/regions/areas.csv" --out "$dir" --scale "$1"
    touch "$dir/.complete"
  fi
  for w in join interval distance median anti; do
    mkdir -p "$dir/w/$w"
    for t in $(workload_tables "$w"); do ln -sf "../../$t.csv" "$dir/w/$w/$t.csv"; done
  done
}
# build_sqlite DIR: the SQLite database of a set, loaded once with .import; its load time
# (one sqlite3 process) goes to DIR/engine.sqlite.load.
build_sqlite() {
  local dir=$1 db=$1/engine.sqlite t cols start
  [ -s "$db" ] && [ "$db" -nt "$dir/.complete" ] && return 0
  log "loading $db"
  rm -f "$db.tmp"
  start=$EPOCHREALTIME
  for t in hotel_checkins persons institutions; do
    cols=$(head -1 "$dir/$t.csv" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++)
      printf "%s%s %s", (i > 1 ? ", " : ""), $i, ($i == "lat" || $i == "lon") ? "REAL" : "TEXT" }')
    printf 'CREATE TABLE %s (%s);\n.import --csv --skip 1 %s %s\n' "$t" "$cols" "$dir/$t.csv" "$t"
  done | sqlite3 -batch "$db.tmp"
  seconds_since "$start" >"$db.load"
  mv "$db.tmp" "$db"
}

if [ ${#WORKLOADS[@]} -gt 0 ]; then
  gen_set "$SCALE"
  gen_set "$TENTH"
  build_sqlite "$DATA/engine-s$TENTH"
  # Warm the page cache: every system reads the files from memory.
  cat "$DATA/engine-s$SCALE"/*.csv "$DATA/engine-s$TENTH"/*.csv >/dev/null
fi
if [[ ",$ONLY," == *",library,"* ]]; then
  library_prepare
fi

# ---- runs --------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  log "round $run/$RUNS"
  for w in "${WORKLOADS[@]}"; do
    run_tutela "tutela_$w" "$DATA/engine-s$SCALE/w/$w" "$w"
    run_duckdb "duckdb_$w" "$DATA/engine-s$SCALE/w/$w" "$w"
    run_sqlite "sqlite_$w" "$DATA/engine-s$TENTH/engine.sqlite" "$w"
    # Tutela at the SQLite scale, once: the same-scale ratio and SQLite's answer check.
    [ "$run" = 1 ] && run_tutela "tutela10_$w" "$DATA/engine-s$TENTH/w/$w" "$w"
  done
  if [[ ",$ONLY," == *",library,"* ]]; then
    library_run "$run"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ------------------------------------------------------------------
echo
echo "$(machine_line) Page cache warm; $RUNS round(s), median (min–max) of the runs."
echo "Load average before: $LOAD_BEFORE; after: $LOAD_AFTER (anything above 0 is other work \
sharing the cores)."
echo "Versions: $("$TUTELA" version 2>/dev/null | head -1 || echo tutela) (--threads $THREADS), \
DuckDB @duckdb/node-api $(duckdb_version) (threads = $THREADS, $REPEAT executions per process) \
on node $(node --version), sqlite3 $(sqlite3 --version | awk '{ print $1 }')."
[ ${#WORKLOADS[@]} -gt 0 ] && report_workloads
[[ ",$ONLY," == *",library,"* ]] && report_library
if [ -s "$WORK/MISMATCH" ]; then
  echo
  echo "**MISMATCH** — the systems disagree:"
  sed 's/^/- /' "$WORK/MISMATCH"
fi
exit 0
