#!/usr/bin/env bash
# Size budget of what a page downloads: the wasm plus its JS glue, gzipped.
# The budget lives here and nowhere else.
set -euo pipefail
BUDGET_KB=120

pkg="${1:-www/pkg}"
wasm="$pkg/voices_bg.wasm"
glue="$pkg/voices.js"
for f in "$wasm" "$glue"; do
    [ -f "$f" ] || { echo "size: $f is missing; run make build" >&2; exit 1; }
done

wasm_gz=$(gzip -9c "$wasm" | wc -c)
glue_gz=$(gzip -9c "$glue" | wc -c)
total=$((wasm_gz + glue_gz))
budget=$((BUDGET_KB * 1024))
awk -v w="$wasm_gz" -v g="$glue_gz" -v t="$total" -v b="$BUDGET_KB" 'BEGIN {
    printf "size: wasm %d B + JS glue %d B, gzipped = %.1f KB of a %d KB budget\n", w, g, t / 1024, b }'
if [ "$total" -gt "$budget" ]; then
    echo "size: over budget by $((total - budget)) B" >&2
    exit 1
fi
