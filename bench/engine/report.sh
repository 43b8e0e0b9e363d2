# Markdown report of the workload runs for bench/run_engine.sh (sourced, not run): answer
# checks across systems, then the Tutela vs DuckDB table and the SQLite (scale / 10) table.

# answers LABEL: the results of the ok runs, one per line.
answers() {
  [ -f "$WORK/$1.times" ] && awk '$1 == "ok" { print $6 }' "$WORK/$1.times"
  return 0
}

# check_answers REF_LABEL LABEL...: "yes" when every ok result of the labels equals the
# first ok result of REF_LABEL, else "**NO**" (and the difference goes to $WORK/MISMATCH);
# "-" when there is nothing to compare.
check_answers() {
  local ref label a verdict=yes compared=0
  ref=$(answers "$1" | head -1)
  [ -n "$ref" ] || { echo "-"; return; }
  for label in "$@"; do
    while read -r a; do
      [ -n "$a" ] || continue
      compared=$((compared + 1))
      if ! same_answer "$ref" "$a"; then
        verdict="**NO**"
        echo "$label answered $a, $1 answered $ref" >>"$WORK/MISMATCH"
        log "MISMATCH: $label answered $a, $1 answered $ref"
      fi
    done < <(answers "$label")
  done
  [ "$compared" -gt 1 ] || verdict="-"
  echo "$verdict"
}

# input_rows SET WORKLOAD: the row counts of the workload's tables, "20000000 + 10000000".
input_rows() {
  local t out=""
  for t in $(workload_tables "$2"); do
    out="$out${out:+ + }$(($(wc -l <"$DATA/engine-s$1/$t.csv") - 1))"
  done
  echo "$out"
}

report_workloads() {
  local w tq dq
  echo
  echo "### Workloads at scale $SCALE (Tutela and DuckDB, $THREADS threads)"
  echo
  echo "Load = reading the CSV files into memory; query = the query alone (Tutela: \`sql --timing\`;"
  echo "DuckDB: median of $REPEAT executions in the process). Ratio > 1: Tutela is faster."
  echo "Peak RSS: the whole process (load + query)."
  echo
  echo "| workload | input rows | answer | Tutela load s | Tutela query s | DuckDB load s | DuckDB query s | DuckDB / Tutela (query) | Tutela peak MiB | DuckDB peak MiB | same answer |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for w in "${WORKLOADS[@]}"; do
    tq=$(med "tutela_$w" 3)
    dq=$(med "duckdb_$w" 3)
    printf '| %s | %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s |\n' "$w" \
      "$(input_rows "$SCALE" "$w")" "$( (answers "tutela_$w"; answers "duckdb_$w") | head -1)" \
      "$(stat "tutela_$w" 2)" "$(stat "tutela_$w" 3 3)" "$(stat "duckdb_$w" 2)" \
      "$(stat "duckdb_$w" 3 3)" "$(ratio "$dq" "$tq")" "$(peak_mib "tutela_$w")" \
      "$(peak_mib "duckdb_$w")" "$(check_answers "tutela_$w" "tutela_$w" "duckdb_$w")"
  done
  echo
  echo "### SQLite at scale $TENTH (a tenth), single-threaded"
  echo
  echo "SQLite load = one \`.import\` of all three tables into a database file (once, before the"
  echo "runs); query = \`.timer on\` real time. Tutela at scale $TENTH ran once, for the same-scale"
  echo "ratio and to check SQLite's answer. Goal: SQLite × 10 / Tutela at scale $SCALE ≥ 20."
  echo
  echo "| workload | answer | SQLite load s | SQLite query s | Tutela query s (scale $TENTH) | SQLite / Tutela (same scale) | SQLite × 10 / Tutela (scale $SCALE) | SQLite peak MiB | Tutela peak MiB (scale $TENTH) | same answer |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for w in "${WORKLOADS[@]}"; do
    printf '| %s | %s | %s | %s | %s | **%s** | **%s** | %s | %s | %s |\n' "$w" \
      "$( (answers "tutela10_$w"; answers "sqlite_$w") | head -1)" \
      "$(cat "$DATA/engine-s$TENTH/engine.sqlite.load")" "$(stat "sqlite_$w" 3 3)" "$(stat "tutela10_$w" 3 3)" \
      "$(ratio "$(med "sqlite_$w" 3)" "$(med "tutela10_$w" 3)" 1)" \
      "$(ratio "$(awk -v s="$(med "sqlite_$w" 3)" 'BEGIN { if (s != "") print s * 10 }')" \
        "$(med "tutela_$w" 3)" 1)" \
      "$(peak_mib "sqlite_$w")" "$(peak_mib "tutela10_$w")" \
      "$(check_answers "tutela10_$w" "tutela10_$w" "sqlite_$w")"
  done
}
