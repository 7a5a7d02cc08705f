#!/usr/bin/env bash
# The main job on the built-in default (no downloads, no user data): the paper's effect at CPU scale
# (`synvid progression --preset cpu-proof-demo`). Scratch, static circles, moving circles and the in-domain upper
# bound are fine-tuned (10 epochs) and linear-probed on cpu-proof's synaction task (1,000 test videos); the three
# pre-trained arms start from the encoders shipped in models/cpu-proof (made by `synvid progression --preset
# cpu-proof`, see models/cpu-proof/README.md), so no pre-training runs here. Leaves report.md / report.html and
# results.csv in OUT (default runs/proof-demo). Re-running continues where it stopped.
#   bash scripts/demo.sh [OUT] [--seed N] [other synvid progression options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="runs/proof-demo"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  out="$1"
  shift
fi
resume=()
if [ -f "$out/progression.json" ]; then
  resume=(--resume)
fi
scripts/synvid progression --preset cpu-proof-demo --encoders models/cpu-proof --out "$out" "${resume[@]}" "$@"
echo "report: $out/report.md ($out/report.html), table: $out/results.csv"
