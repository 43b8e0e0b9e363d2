#!/usr/bin/env bash
# Profiles the query of one engine workload (`tutela sql` on run_engine.sh's data) with Linux
# perf and prints where the query's time goes: the load is skipped with perf's --delay.
#
#   bench/profile_engine.sh WORKLOAD [--scale S] [--freq HZ] [--threads T] [--tutela PATH]
#                           [--data-dir DIR] [STAGE ...]
#
#   WORKLOAD  join, interval, distance, median or anti (data of bench/run_engine.sh --scale S,
#             which must have run first; default scale 1)
#   STAGE     function-name fragments whose inclusive share to print (perf_summary.py)
# Needs `perf` (Debian: linux-perf) and python3; DWARF call graphs need the default
# RelWithDebInfo build (-O2 -g1).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORKLOAD=${1:-}
[ -n "$WORKLOAD" ] && shift
SCALE=1
FREQ=199
THREADS=2
TUTELA=${TUTELA_BIN:-}
DATA=$HERE/data
STAGES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --freq) FREQ=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --tutela) TUTELA=$2; shift 2 ;;
    --data-dir) DATA=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | cut -c3-; exit 0 ;;
    *) STAGES+=("$1"); shift ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
require_tools profile_engine.sh perf python3
find_tutela
SCALE=$(awk -v s="$SCALE" 'BEGIN { printf "%g", s }')
DIR=$DATA/engine-s$SCALE/w/$WORKLOAD
QUERY=$HERE/engine/$WORKLOAD.tutela.sql
[ -f "$QUERY" ] || QUERY=$HERE/engine/$WORKLOAD.sql
if [ ! -d "$DIR" ] || [ ! -f "$QUERY" ]; then
  echo "profile_engine.sh: no workload '$WORKLOAD' at scale $SCALE (run run_engine.sh first)" >&2
  exit 2
fi
Q=$(grep -v '^ *--' "$QUERY")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# A first run gives the load time; perf then starts recording 0.2 s after it.
"$TUTELA" sql --data "$DIR" --timing --threads "$THREADS" --format csv "$Q" >/dev/null 2>"$OUT/t"
LOAD_MS=$(sed -n 's/^timing: load_s=\([0-9.]*\).*/\1/p' "$OUT/t" | awk '{ printf "%d", $1 * 1000 + 200 }')
log "$(grep '^timing:' "$OUT/t"); recording after ${LOAD_MS} ms"
perf record -q -F "$FREQ" -D "$LOAD_MS" --call-graph dwarf,16384 -o "$OUT/perf.data" -- \
  "$TUTELA" sql --data "$DIR" --timing --threads "$THREADS" --format csv "$Q" >/dev/null 2>"$OUT/t"
log "$(grep '^timing:' "$OUT/t")"
perf script -i "$OUT/perf.data" -F comm,period,ip,sym 2>/dev/null |
  python3 "$HERE/perf_summary.py" "${STAGES[@]}"
