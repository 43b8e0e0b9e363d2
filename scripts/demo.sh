#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Tutela and runs the main job on the
# demo data: import it into an encrypted workspace and print the data-quality
# report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release >/dev/null
bin=build/tutela
demo=${DEMO_DIR:-examples/demo}
out=$(mktemp -d)
ws="$out/workspace"
key="$out/keys/demo.key"
if "$bin" help | grep -q "tutela init"; then
  "$bin" init "$ws" --key-file "$key"
  for f in "$demo"/*.csv "$demo"/*.jsonl; do
    [ -e "$f" ] || continue
    base=$(basename "$f"); table=${base%.*}
    "$bin" import "$ws" "$table" "$f" --key-file "$key" --rejects "$out/rejects-$table.jsonl" >/dev/null
  done
  "$bin" tables "$ws" --key-file "$key"
fi
"$bin" quality --data "$demo" --rejects "$out/rejects.jsonl"
echo "拒绝日志 / reject log: $out/rejects.jsonl" >&2
