#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Tutela and runs the main job on
# demo data: generate a deterministic demo data directory, import it into an
# encrypted workspace (with the data-quality report), scan it with every
# built-in supervision model, and show the clues.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release >/dev/null
bin=build/tutela
out=${DEMO_OUT:-$(mktemp -d)}
data="$out/data"
ws="$out/workspace"
key="$out/keys/demo.key"
as_of=2026-06-30

echo "== 1. 生成演示数据 / generate demo data ==" >&2
"$bin" demo-data "$data" --scale "${DEMO_SCALE:-1}" --seed "${DEMO_SEED:-1}" --as-of "$as_of"

echo "== 2. 导入加密工作区 / import into an encrypted workspace ==" >&2
"$bin" init "$ws" --key-file "$key"
for f in "$data"/*.csv "$data"/*.jsonl; do
  base=$(basename "$f"); table=${base%.*}
  [ "$table" = expected_clues ] && continue
  "$bin" import "$ws" "$table" "$f" --key-file "$key" --rejects "$out/rejects-$table.jsonl" \
    --format json >/dev/null 2>>"$out/import.log"
done
"$bin" tables "$ws" --key-file "$key"

echo "== 3. 数据质量报告 / data-quality report ==" >&2
"$bin" quality --data "$data" --rejects "$out/rejects.jsonl" 2>/dev/null

echo "== 4. 扫描线索 / scan for clues (as of $as_of) ==" >&2
"$bin" scan "$data" --as-of "$as_of" --format table 2>/dev/null
"$bin" scan "$data" --as-of "$as_of" --format jsonl >"$out/clues.jsonl" 2>/dev/null

echo "== 5. 工作区运行 / workspace run (clue store) ==" >&2
"$bin" run "$ws" --as-of "$as_of" --key-file "$key" 2>/dev/null
echo >&2
echo "输出目录 / output: $out (clues.jsonl, rejects.jsonl, workspace/)" >&2
