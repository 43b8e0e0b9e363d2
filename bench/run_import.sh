#!/usr/bin/env bash
# Import benchmark: Tutela vs DuckDB (read_csv, 2 threads) vs sqlite3 .import on a
# generated hotel_checkins.csv, plus the time to reopen the imported table.
# Measures and prints a Markdown table; it never passes or fails on a time.
#
#   bench/run_import.sh [--size-mb N] [--runs R] [--tutela PATH] [--data-dir DIR]
#
#   --size-mb N    size of the generated file in MiB (default 1024); sqlite3 gets N/10
#   --runs R       runs per system (default 3); the table shows median (min-max)
#   --tutela PATH  the tutela binary (default: $TUTELA_BIN, else build-bench/tutela or
#                  build/tutela, else build-bench/ is configured and `tutela` built)
#   --data-dir DIR where data, databases and workspaces go (default bench/data)
#
# Needs: g++, node >= 20 + npm (DuckDB comes from bench/package.json), sqlite3,
# /usr/bin/time. Wall time is bash's clock around each process; peak RSS is
# /usr/bin/time's "maximum resident set size" of the process.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SIZE_MB=1024
RUNS=3
TUTELA=${TUTELA_BIN:-}
DATA=$HERE/data
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) SIZE_MB=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --tutela) TUTELA=$2; shift 2 ;;
    --data-dir) DATA=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run_import.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

# ---- tools -------------------------------------------------------------------
require_tools run_import.sh g++ node npm sqlite3 /usr/bin/time
find_tutela
ensure_duckdb

# ---- data --------------------------------------------------------------------
mkdir -p "$DATA"
GEN=$DATA/gen_hotel_checkins
if [ ! -x "$GEN" ] || [ "$HERE/gen_hotel_checkins.cc" -nt "$GEN" ]; then
  g++ -O2 -std=c++20 -o "$GEN" "$HERE/gen_hotel_checkins.cc"
fi
TENTH_MB=$(awk -v s="$SIZE_MB" 'BEGIN { printf "%g", s / 10 }')
SET=$DATA/size-${SIZE_MB}mb
FULL_DIR=$SET/full
TENTH_DIR=$SET/tenth
for pair in "$FULL_DIR:$SIZE_MB" "$TENTH_DIR:$TENTH_MB"; do
  dir=${pair%%:*}
  mb=${pair##*:}
  if [ ! -s "$dir/hotel_checkins.csv" ]; then
    mkdir -p "$dir"
    log "generating $dir/hotel_checkins.csv (${mb} MiB)"
    start=$EPOCHREALTIME
    "$GEN" --areas "$ROOT/data/regions/areas.csv" --out "$dir/hotel_checkins.csv.tmp" \
      --size-mb "$mb"
    mv "$dir/hotel_checkins.csv.tmp" "$dir/hotel_checkins.csv"
    log "generated in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
  fi
done
FULL_CSV=$FULL_DIR/hotel_checkins.csv
TENTH_CSV=$TENTH_DIR/hotel_checkins.csv
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
FULL_MB=$(mib "$FULL_CSV")
TENTH_MB=$(mib "$TENTH_CSV")
# Warm the page cache: every system reads the file from memory, not from disk.
cat "$FULL_CSV" "$TENTH_CSV" >/dev/null

WORK=$SET/work
rm -rf "$WORK"
mkdir -p "$WORK"
KEYDIR=$(mktemp -d)
chmod 700 "$KEYDIR"
trap 'rm -rf "$KEYDIR"' EXIT

# ---- measurement -------------------------------------------------------------
# measure LABEL CMD...: runs CMD once, appends "wall_s rss_kib cpu_s" to $WORK/LABEL.times,
# keeps its stdout+stderr in $WORK/LABEL.log. A failing command stops the bench.
measure() {
  local label=$1
  shift
  local start end
  start=$EPOCHREALTIME
  if ! /usr/bin/time -f "%M %U %S" -o "$WORK/$label.rss" "$@" >"$WORK/$label.log" 2>&1; then
    echo "run_import.sh: $label failed: $*" >&2
    tail -5 "$WORK/$label.log" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  tail -1 "$WORK/$label.rss" | awk -v a="$start" -v b="$end" \
    '{ printf "%.3f %d %.2f\n", b - a, $1, $2 + $3 }' >>"$WORK/$label.times"
}

# Probes whether this tutela has a subcommand (it prints "unknown subcommand" if not).
has_subcommand() {
  local out
  out=$("$TUTELA" "$1" 2>&1 || true)
  ! grep -q "unknown subcommand" <<<"$out"
}
HAS_WS=0
if has_subcommand init && has_subcommand import; then
  if "$TUTELA" init "$WORK/probe_ws" --key-file "$KEYDIR/probe.key" >/dev/null 2>&1; then
    HAS_WS=1
  fi
  rm -rf "$WORK/probe_ws"
fi
REOPEN=()
if [ "$HAS_WS" = 1 ]; then
  if has_subcommand sql; then
    REOPEN=(sql --workspace WS --key-file KEY "SELECT count(*) FROM hotel_checkins")
  elif has_subcommand tables; then
    REOPEN=(tables WS --key-file KEY)
  fi
fi
[ "$HAS_WS" = 1 ] || log "tutela has no working init/import yet: workspace rows skipped"

# Fresh workspace per run: importing the same file twice may be a no-op.
ws_import() {  # ws_import NAME CSV RUN
  local ws=$WORK/ws_$1_$3 key=$KEYDIR/$1_$3.key
  rm -rf "$ws" "$key"
  "$TUTELA" init "$ws" --key-file "$key" >/dev/null
  measure "tutela_import_$1" "$TUTELA" import "$ws" hotel_checkins "$2" --key-file "$key"
  if [ "$3" -lt "$RUNS" ]; then rm -rf "$ws"; fi  # the last one is kept for the reopen
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  log "round $run/$RUNS"
  # In-memory import with full normalisation and validation vs DuckDB in memory.
  measure tutela_quality_full "$TUTELA" quality --data "$FULL_DIR"
  measure duckdb_mem_full node "$HERE/duckdb_import.mjs" import "$FULL_CSV" :memory: 2
  # Persistent import vs DuckDB into a database file.
  if [ "$HAS_WS" = 1 ]; then ws_import full "$FULL_CSV" "$run"; fi
  measure duckdb_file_full node "$HERE/duckdb_import.mjs" import "$FULL_CSV" "$WORK/full.duckdb" 2
  # A tenth of the file vs sqlite3 .import into a file database.
  measure tutela_quality_tenth "$TUTELA" quality --data "$TENTH_DIR"
  if [ "$HAS_WS" = 1 ]; then ws_import tenth "$TENTH_CSV" "$run"; fi
  rm -f "$WORK/tenth.sqlite"
  measure sqlite_tenth sh -c "printf '.mode csv\n.import %s hotel_checkins\n' '$TENTH_CSV' \
    | sqlite3 '$WORK/tenth.sqlite'"
done

# Reopen the imported full table (a fresh process each time) and count its rows.
for run in $(seq 1 "$RUNS"); do
  if [ ${#REOPEN[@]} -gt 0 ]; then
    ws=$WORK/ws_full_$RUNS
    key=$KEYDIR/full_$RUNS.key
    args=()
    for a in "${REOPEN[@]}"; do
      a=${a/#WS/$ws}
      a=${a/#KEY/$key}
      args+=("$a")
    done
    measure tutela_reopen "$TUTELA" "${args[@]}"
  fi
  measure duckdb_reopen node "$HERE/duckdb_import.mjs" reopen "$WORK/full.duckdb" 2
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ------------------------------------------------------------------
# stat LABEL -> "wall_median wall_min wall_max rss_max_mib cpu_median" (seconds)
stat_of() {
  local f=$WORK/$1.times
  echo "$(awk '{ print $1 }' "$f" | median) \
$(sort -n -k1 "$f" | awk 'NR == 1 { lo = $1 } { hi = $1; if ($2 > r) r = $2 } END { printf "%.2f %.2f %.0f", lo, hi, r / 1024 }') \
$(awk '{ print $3 }' "$f" | median)"
}
rows_tutela() { grep -o 'read [0-9]* rows, rejected [0-9]*' "$WORK/$1.log" | tail -1 | awk '{ print $2 }'; }
rows_duckdb() { sed -n 's/^rows=\([0-9]*\).*/\1/p' "$WORK/$1.log" | tail -1; }
FULL_ROWS=$(rows_duckdb duckdb_mem_full)
TENTH_ROWS=$(sqlite3 "$WORK/tenth.sqlite" "SELECT count(*) FROM hotel_checkins")
for label in tutela_quality_full tutela_quality_tenth; do
  got=$(rows_tutela "$label")
  rej=$(grep -o 'read [0-9]* rows, rejected [0-9]*' "$WORK/$label.log" | tail -1 | awk '{ print $5 }')
  want=$FULL_ROWS
  [ "$label" = tutela_quality_tenth ] && want=$TENTH_ROWS
  if [ "$got" != "$want" ] || [ "$rej" != 0 ]; then
    echo "run_import.sh: $label read $got rows ($rej rejected), expected $want" >&2
    exit 1
  fi
done

# The workspace import and the reopen must report the row count too.
for label in tutela_import_full tutela_import_tenth tutela_reopen; do
  [ -f "$WORK/$label.log" ] || continue
  want=$FULL_ROWS
  [ "$label" = tutela_import_tenth ] && want=$TENTH_ROWS
  if ! grep -qw "$want" "$WORK/$label.log"; then
    echo "run_import.sh: $label does not report $want rows (see $WORK/$label.log)" >&2
    exit 1
  fi
done

row() {  # row WORKLOAD SYSTEM LABEL ROWS MB
  local s
  read -r -a s <<<"$(stat_of "$3")"
  printf '| %s | %s | %s | %s | %s (%s–%s) | %s | %s | %s |\n' "$1" "$2" "$4" "$5" "${s[0]}" \
    "${s[1]}" "${s[2]}" "${s[4]}" \
    "$(awk -v mb="$5" -v t="${s[0]}" 'BEGIN { if (mb == "-" || t == 0) print "-"; else printf "%.0f", mb / t }')" \
    "${s[3]}"
}
ratio() {  # ratio WHAT TUTELA_LABEL PEER_LABEL
  [ -f "$WORK/$2.times" ] && [ -f "$WORK/$3.times" ] || return 0
  local a b
  read -r -a a <<<"$(stat_of "$2")"
  read -r -a b <<<"$(stat_of "$3")"
  printf '| %s | %s | %s | **%s** | %s | %s |\n' "$1" "${a[0]}" "${b[0]}" \
    "$(awk -v x="${a[0]}" -v y="${b[0]}" 'BEGIN { if (y == 0) print "-"; else printf "%.2f", x / y }')" \
    "$(awk -v x="${a[4]}" -v y="${b[4]}" 'BEGIN { if (y == 0) print "-"; else printf "%.2f", x / y }')" \
    "$(awk -v x="${a[3]}" -v y="${b[3]}" 'BEGIN { if (y == 0) print "-"; else printf "%.2f", x / y }')"
}

DUCK_VER=$(duckdb_version)
echo
echo "$(machine_line) Page cache warm; $RUNS run(s) each, median (min–max).
Load average before: $LOAD_BEFORE; after: $LOAD_AFTER (anything above 0 is other work sharing the cores)."
echo "Versions: $("$TUTELA" version 2>/dev/null | head -1 || echo tutela), \
DuckDB @duckdb/node-api $DUCK_VER (threads=2) on node $(node --version), \
sqlite3 $(sqlite3 --version | awk '{ print $1 }')."
echo
echo "| workload | system | rows | input MiB | wall s | CPU s | MiB/s (wall) | peak RSS MiB |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
row "CSV → memory" "tutela quality --data" tutela_quality_full "$FULL_ROWS" "$FULL_MB"
row "CSV → memory" "DuckDB read_csv, :memory:" duckdb_mem_full "$FULL_ROWS" "$FULL_MB"
[ -f "$WORK/tutela_import_full.times" ] &&
  row "CSV → table on disk" "tutela import (encrypted)" tutela_import_full "$FULL_ROWS" "$FULL_MB"
row "CSV → table on disk" "DuckDB read_csv, file DB" duckdb_file_full "$FULL_ROWS" "$FULL_MB"
row "1/10 CSV → memory" "tutela quality --data" tutela_quality_tenth "$TENTH_ROWS" "$TENTH_MB"
[ -f "$WORK/tutela_import_tenth.times" ] &&
  row "1/10 CSV → table on disk" "tutela import (encrypted)" tutela_import_tenth "$TENTH_ROWS" "$TENTH_MB"
row "1/10 CSV → table on disk" "sqlite3 .import (file DB)" sqlite_tenth "$TENTH_ROWS" "$TENTH_MB"
[ -f "$WORK/tutela_reopen.times" ] &&
  row "reopen + count(*)" "tutela ${REOPEN[0]}" tutela_reopen "$FULL_ROWS" "-"
row "reopen + count(*)" "DuckDB (file DB, read-only)" duckdb_reopen "$FULL_ROWS" "-"
echo
echo "| comparison | tutela wall s | peer wall s | wall ratio tutela/peer | CPU ratio | peak RSS ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
ratio "in memory vs DuckDB :memory:" tutela_quality_full duckdb_mem_full
ratio "import vs DuckDB file DB" tutela_import_full duckdb_file_full
ratio "1/10: in memory vs sqlite3 .import" tutela_quality_tenth sqlite_tenth
ratio "1/10: import vs sqlite3 .import" tutela_import_tenth sqlite_tenth
ratio "reopen vs DuckDB reopen" tutela_reopen duckdb_reopen
