# Running and recording one benchmark process for bench/run_engine.sh (sourced, not run).
# Uses WORK, TUTELA, THREADS, REPEAT, TIMEOUT, HERE from the caller and lib.sh's helpers.
# Each label's runs go to $WORK/<label>.times, one line per run:
#   status load_s query_s peak_rss_kib wall_s result      (status: ok, timeout or fail)

# The tables a workload reads (its data directory links only these).
workload_tables() {
  case "$1" in
    join|anti) echo "hotel_checkins persons" ;;
    interval|median) echo hotel_checkins ;;
    distance) echo institutions ;;
  esac
}

# query_file SYSTEM WORKLOAD: engine/<w>.<system>.sql, else the shared engine/<w>.sql.
query_file() {
  if [ -f "$HERE/engine/$2.$1.sql" ]; then echo "$HERE/engine/$2.$1.sql"; else echo "$HERE/engine/$2.sql"; fi
}

# proc LABEL STDIN CMD...: runs CMD under /usr/bin/time and timeout, output in
# $WORK/logs/<label>.<n>.{out,err}; sets P_RC, P_WALL, P_RSS (KiB), P_OUT, P_ERR.
proc() {
  local label=$1 in=$2 start n
  shift 2
  mkdir -p "$WORK/logs"
  n=1
  [ -f "$WORK/$label.times" ] && n=$(($(wc -l <"$WORK/$label.times") + 1))
  P_OUT=$WORK/logs/$label.$n.out
  P_ERR=$WORK/logs/$label.$n.err
  P_RC=0
  start=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$WORK/logs/$label.$n.rss" timeout "$TIMEOUT" "$@" \
    <"$in" >"$P_OUT" 2>"$P_ERR" || P_RC=$?
  P_WALL=$(seconds_since "$start")
  P_RSS=$(tail -1 "$WORK/logs/$label.$n.rss")
  [[ "$P_RSS" =~ ^[0-9]+$ ]] || P_RSS=0
}

# stopped LABEL: true when an earlier run of LABEL timed out or failed (not run again).
stopped() { [ -f "$WORK/$1.stop" ]; }

# record LABEL LOAD QUERY RESULT: appends the run of the last proc (or its failure).
record() {
  local label=$1 status=ok
  if [ "$P_RC" = 124 ]; then
    status=timeout
    log "$label: stopped after ${TIMEOUT} s (--timeout); not run again"
    touch "$WORK/$label.stop"
  elif [ "$P_RC" != 0 ] || [ -z "$3" ]; then
    status=fail
    log "$label FAILED (exit $P_RC), see $P_ERR:"
    tail -5 "$P_ERR" >&2
    touch "$WORK/$label.stop"
  fi
  echo "$status ${2:--} ${3:--} $P_RSS $P_WALL ${4:--}" >>"$WORK/$label.times"
}

# run_tutela LABEL DATA_DIR WORKLOAD: `tutela sql --timing` (load and query timed inside).
run_tutela() {
  local label=$1 q t
  stopped "$label" && return 0
  q=$(grep -v '^ *--' "$(query_file tutela "$3")")
  proc "$label" /dev/null "$TUTELA" sql --data "$2" --timing --threads "$THREADS" --format csv "$q"
  t=$(sed -n 's/^timing: load_s=\([0-9.]*\) query_s=\([0-9.]*\).*/\1 \2/p' "$P_ERR" | tail -1)
  record "$label" "${t% *}" "${t#* }" "$(sed -n 2p "$P_OUT" | tr -d '\r')"
}

# run_duckdb LABEL DATA_DIR WORKLOAD: load into :memory:, then --repeat executions; the
# run's query time is their median.
run_duckdb() {
  local label=$1 line load qs
  stopped "$label" && return 0
  proc "$label" /dev/null node "$HERE/duckdb_engine.mjs" "$2" "$(query_file duckdb "$3")" \
    "$THREADS" "$REPEAT"
  line=$(grep '^load_s=' "$P_OUT" | tail -1 || true)
  load=${line#load_s=}
  qs=${line#*query_s=}
  record "$label" "${load%% *}" "$(tr ',' '\n' <<<"${qs%% *}" | median 3)" "${line##*result=}"
}

# run_sqlite LABEL DB WORKLOAD: sqlite3 with .timer on; the load is the database's one-time
# .import (DB.load).
run_sqlite() {
  local label=$1 script=$WORK/sqlite_$3.sql
  stopped "$label" && return 0
  { printf '.timer on\n.mode csv\n'; grep -v '^ *--' "$(query_file sqlite "$3")"; echo ';'; } >"$script"
  proc "$label" "$script" sqlite3 -batch "$2"
  record "$label" "$(cat "$2.load")" \
    "$(sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' "$P_OUT" | tail -1)" \
    "$(grep -v '^Run Time' "$P_OUT" | head -1 | tr -d '\r')"
}

# same_answer A B: true when the comma-separated results agree (numbers to 1e-9 relative).
same_answer() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, ","); m = split(b, y, ",")
    if (n != m) exit 1
    for (i = 1; i <= n; i++) {
      if (x[i] == y[i]) continue
      if (x[i] !~ /^-?[0-9.e+]+$/ || y[i] !~ /^-?[0-9.e+]+$/) exit 1
      d = x[i] - y[i]; if (d < 0) d = -d
      s = (x[i] < 0 ? -x[i] : x[i]); if (s < 1) s = 1
      if (d > 1e-9 * s) exit 1
    }
    exit 0 }'
}

# stat LABEL FIELD [DIGITS]: "median (min–max)" of a field over the ok runs ("-" if none).
stat() {
  local f=$WORK/$1.times vals
  [ -f "$f" ] || { echo "-"; return; }
  vals=$(awk -v c="$2" '$1 == "ok" { print $c }' "$f")
  if [ -z "$vals" ]; then
    if grep -q '^timeout' "$f"; then echo "timeout (> $TIMEOUT s)"; else echo "failed"; fi
    return
  fi
  if [ "$(wc -l <<<"$vals")" = 1 ]; then
    printf '%.*f' "${3:-2}" "$vals"
  else
    echo "$(median "${3:-2}" <<<"$vals") ($(sort -n <<<"$vals" | head -1 | xargs printf '%.*f' "${3:-2}")–$(sort -n <<<"$vals" | tail -1 | xargs printf '%.*f' "${3:-2}"))"
  fi
}
# med LABEL FIELD: the plain median of a field over the ok runs (empty if none).
med() {
  [ -f "$WORK/$1.times" ] || return 0
  awk -v c="$2" '$1 == "ok" { print $c }' "$WORK/$1.times" | median 4 | grep -v '^-$' || true
}
# ratio X Y [DIGITS]: X / Y, or "-" when either is missing or Y is 0.
ratio() {
  awk -v x="$1" -v y="$2" -v d="${3:-2}" 'BEGIN {
    if (x == "" || y == "" || y + 0 == 0) print "-"; else printf "%." d "f", x / y }'
}
# peak_mib LABEL: the largest peak RSS of a label's runs, in MiB.
peak_mib() {
  [ -f "$WORK/$1.times" ] || { echo "-"; return; }
  awk '{ if ($4 > m) m = $4 } END { printf "%.0f", m / 1024 }' "$WORK/$1.times"
}
