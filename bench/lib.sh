# Shell helpers shared by bench/run_import.sh and bench/run_engine.sh (sourced, not run):
# logging, tool checks, finding or building tutela, installing DuckDB, medians, machine line.
# Expects HERE (bench/) and ROOT (the repository) to be set by the caller.

log() { echo "[bench] $*" >&2; }

# require_tools NAME TOOL...: exits with status 2 naming the first missing tool.
require_tools() {
  local who=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$who: $tool is missing" >&2; exit 2; }
  done
}

# find_tutela: sets TUTELA to $TUTELA (if set), else build-bench/tutela or build/tutela, else
# configures build-bench/ and builds the tutela target (-j2).
find_tutela() {
  local cand
  if [ -z "${TUTELA:-}" ]; then
    for cand in "$ROOT/build-bench/tutela" "$ROOT/build/tutela"; do
      if [ -x "$cand" ]; then TUTELA=$cand; break; fi
    done
  fi
  if [ -z "${TUTELA:-}" ]; then
    log "building tutela in build-bench/"
    cmake -S "$ROOT" -B "$ROOT/build-bench" -G Ninja >/dev/null
    ninja -C "$ROOT/build-bench" -j2 tutela >&2
    TUTELA=$ROOT/build-bench/tutela
  fi
}

# ensure_duckdb: installs @duckdb/node-api from bench/package.json into bench/node_modules.
ensure_duckdb() {
  if [ ! -d "$HERE/node_modules/@duckdb/node-api" ]; then
    log "installing @duckdb/node-api (npm ci)"
    (cd "$HERE" && npm ci --no-audit --no-fund >&2)
  fi
}

# median [DIGITS]: the median of the numbers on stdin, one per line, with DIGITS decimals
# (default 2); "-" when there are none.
median() {
  sort -n | awk -v d="${1:-2}" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    printf "%." d "f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# seconds_since START: wall seconds since START (a $EPOCHREALTIME value), 3 decimals.
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

# machine_line: cores, CPU model, RAM, kernel and date, for the report header.
machine_line() {
  echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); \
$(date -u +%Y-%m-%d)."
}

# duckdb_version: the version of the installed @duckdb/node-api package.
duckdb_version() {
  node -e "console.log(require('$HERE/node_modules/@duckdb/node-api/package.json').version)"
}
