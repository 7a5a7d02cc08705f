#!/usr/bin/env bash
# Runs SynVid's train-step benchmark and the PyTorch reference back to back with the same configuration and prints
# both medians and their ratio. Extra arguments go to SynVid only (e.g. --precision bf16).
# Environment: PYTHON (default /usr/bin/python3, an interpreter with torch), MODEL FRAMES IMG BATCH THREADS STEPS.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-/usr/bin/python3}
MODEL=${MODEL:-small}; FRAMES=${FRAMES:-16}; IMG=${IMG:-112}; BATCH=${BATCH:-4}; THREADS=${THREADS:-1}; STEPS=${STEPS:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
common=(--model "$MODEL" --frames "$FRAMES" --img "$IMG" --batch "$BATCH" --threads "$THREADS" --steps "$STEPS")

echo "== SynVid: scripts/synvid bench train-step ${common[*]} $*"
scripts/synvid bench train-step "${common[@]}" "$@" | tee "$log"
synvid_ms=$(sed -n 's/.*: median \([0-9.]*\) ms.*/\1/p' "$log" | tail -n1)

echo "== PyTorch reference: $PYTHON bench/reference/train_step_reference.py ${common[*]}"
OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" "$PYTHON" bench/reference/train_step_reference.py "${common[@]}" | tee "$log"
ref_ms=$(tail -n1 "$log")

if [ -z "$synvid_ms" ] || [ -z "$ref_ms" ]; then
  echo "compare: could not read a median (SynVid '$synvid_ms', reference '$ref_ms')" >&2
  exit 1
fi
echo "SynVid median:    $synvid_ms ms"
echo "PyTorch median:   $ref_ms ms"
awk -v s="$synvid_ms" -v r="$ref_ms" 'BEGIN { printf "ratio SynVid / PyTorch: %.3f\n", s / r }'
