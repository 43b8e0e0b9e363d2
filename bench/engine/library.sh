# The full-library benchmark of bench/run_engine.sh (sourced, not run): demo data at
# --library-scale, `tutela scan` (import included) vs DuckDB reading Tutela's normalised
# export of every table and running the 26 rules (duckdb_library.mjs), clue counts compared.

LIB_TABLES="persons guardians institutions staff judgments judgment_victims hotel_checkins
netcafe_sessions medical_visits mandatory_reports employment enrollments detentions
juvenile_cases probation_tasks record_queries"

# library_prepare: generates the demo data and exports its normalised tables once (not timed).
# DuckDB cannot read GB18030 and does none of datasets.md's normalisation, so it gets
# Tutela's view of each table: `SELECT *, _row FROM t` as UTF-8 CSV.
library_prepare() {
  LIB=$DATA/demo-s$LIB_SCALE
  EXP=$DATA/demo-s$LIB_SCALE-export
  local t f p
  if [ ! -f "$LIB/.complete" ]; then
    log "generating demo data at scale $LIB_SCALE into $LIB"
    rm -rf "$LIB"
    "$TUTELA" demo-data "$LIB" --scale "$LIB_SCALE" --seed 1 --as-of "$AS_OF" >&2
    touch "$LIB/.complete"
  fi
  if [ ! -f "$EXP/.complete" ] || [ "$LIB/.complete" -nt "$EXP/.complete" ] ||
    [ "$TUTELA" -nt "$EXP/.complete" ]; then
    log "exporting the normalised tables to $EXP (not timed)"
    rm -rf "$EXP"
    mkdir -p "$EXP/csv" "$EXP/src/none"
    for t in $LIB_TABLES charges icd10_minor_harm regions; do
      mkdir -p "$EXP/src/$t"
      # One table per load (staff with persons: identity linking needs both).
      for p in $t $([ "$t" = staff ] && echo persons); do
        f=$(ls "$LIB/$p.csv" "$LIB/$p.jsonl" 2>/dev/null | head -1 || true)
        [ -n "$f" ] && ln -sf "$f" "$EXP/src/$t/"
      done
      "$TUTELA" sql --data "$EXP/src/$t" --threads "$THREADS" --format csv \
        "SELECT *, _row FROM $t" >"$EXP/csv/$t.csv.tmp" 2>"$EXP/$t.log"
      mv "$EXP/csv/$t.csv.tmp" "$EXP/csv/$t.csv"
    done
    touch "$EXP/.complete"
  fi
  cat "$LIB"/*.csv "$LIB"/*.jsonl "$EXP"/csv/*.csv >/dev/null
}

# library_run RUN: one `tutela scan` and one DuckDB library run.
library_run() {
  local n=$1
  if ! stopped lib_tutela; then
    proc lib_tutela /dev/null "$TUTELA" scan "$LIB" --as-of "$AS_OF" --threads "$THREADS"
    # Per-rule lines on stderr: "模型 / model M.R: N 条线索 clues (S s)".
    sed -n 's/^模型 \/ model \([^:]*\): \([0-9]*\) 条线索 clues (\([0-9.]*\) s)$/\1 \2 \3/p' \
      "$P_ERR" >"$WORK/lib_tutela.rules.$n"
    grep -o '^{"model":"[^"]*","rule":"[^"]*"' "$P_OUT" |
      sed 's/^{"model":"\([^"]*\)","rule":"\([^"]*\)"/\1.\2/' | sort | uniq -c |
      awk '{ print $2, $1 }' >"$WORK/lib_tutela.counts"
    record lib_tutela "-" "$(awk '{ s += $3 } END { printf "%.3f", s }' "$WORK/lib_tutela.rules.$n")" \
      "$(wc -l <"$P_OUT")"
  fi
  if ! stopped lib_duckdb; then
    proc lib_duckdb /dev/null node "$HERE/duckdb_library.mjs" "$EXP/csv" "$ROOT/models" "$AS_OF" \
      "$THREADS" "$WORK/duckdb_rules"
    sed -n 's/^rule=\([^ ]*\) clues=\([0-9]*\) s=\([0-9.]*\)$/\1 \2 \3/p' "$P_OUT" \
      >"$WORK/lib_duckdb.rules.$n"
    local line
    line=$(grep '^load_s=' "$P_OUT" || true)
    line=${line#load_s=}
    record lib_duckdb "${line%% *}" "$(sed 's/.*rules_s=\([0-9.]*\).*/\1/' <<<"$line")" \
      "$(awk '{ s += $2 } END { print s }' "$WORK/lib_duckdb.rules.$n")"
  fi
}

report_library() {
  local tw dw id tc dc ts ds verdict
  echo
  echo "### Full model library at demo scale $LIB_SCALE (as of $AS_OF)"
  echo
  echo "Tutela: \`tutela scan\` of the demo data directory (GB18030 files, JSON Lines, every"
  echo "import rule of datasets.md), all 26 rules, clues written as JSON Lines; load = wall −"
  echo "rules. DuckDB: \`read_csv\` of the normalised tables that Tutela exported (UTF-8, typed,"
  echo "deduplicated and linked; the export is not timed) + the 26 rules of models/*.sql with"
  echo "macros for the dialect's functions (bench/duckdb/), counting each rule's distinct keys."
  echo "Wall and peak RSS: the whole process."
  echo
  echo "| system | wall s | load s | rules s | peak RSS MiB | clues |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  tw=$(med lib_tutela 5)
  dw=$(med lib_duckdb 5)
  printf '| Tutela scan | %s | %s | %s | %s | %s |\n' "$(stat lib_tutela 5)" \
    "$(ratio "$(awk -v w="$tw" -v r="$(med lib_tutela 3)" 'BEGIN { if (w != "") print w - r }')" 1)" \
    "$(stat lib_tutela 3)" "$(peak_mib lib_tutela)" "$(answers lib_tutela | tail -1)"
  printf '| DuckDB | %s | %s | %s | %s | %s |\n' "$(stat lib_duckdb 5)" "$(stat lib_duckdb 2)" \
    "$(stat lib_duckdb 3)" "$(peak_mib lib_duckdb)" "$(answers lib_duckdb | tail -1)"
  echo
  echo "Wall ratio DuckDB / Tutela: **$(ratio "$dw" "$tw")** (> 1: Tutela is faster); goal: Tutela under 60 s."
  echo
  echo "| rule | Tutela clues | DuckDB clues | Tutela s | DuckDB s | same count |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for id in $(cat "$WORK"/lib_tutela.rules.* "$WORK"/lib_duckdb.rules.* 2>/dev/null | awk '{ print $1 }' | sort -u); do
    tc=$(awk -v r="$id" '$1 == r { print $2 }' "$WORK/lib_tutela.counts" 2>/dev/null)
    dc=$(cat "$WORK"/lib_duckdb.rules.* 2>/dev/null | awk -v r="$id" '$1 == r { print $2 }' | tail -1)
    ts=$(cat "$WORK"/lib_tutela.rules.* 2>/dev/null | awk -v r="$id" '$1 == r { print $3 }' | median)
    ds=$(cat "$WORK"/lib_duckdb.rules.* 2>/dev/null | awk -v r="$id" '$1 == r { print $3 }' | median)
    verdict=yes
    if [ "${tc:-0}" != "${dc:-0}" ]; then
      verdict="**NO**"
      echo "library rule $id: Tutela ${tc:-0} clues, DuckDB ${dc:-0}" >>"$WORK/MISMATCH"
    fi
    echo "| $id | ${tc:-0} | ${dc:-0} | $ts | $ds | $verdict |"
  done
}
