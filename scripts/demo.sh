#!/usr/bin/env bash
# The main job on the built-in default (no downloads, no user data): the paper's progression experiment at CPU scale
# (`synvid progression --preset cpu-demo`): for scratch, each synthetic stage and the in-domain upper bound it
# pre-trains a CPU-sized VideoMAE, fine-tunes and linear-probes it on the built-in action benchmark (synaction, a
# proxy for UCF101), measures each stage's frames against synaction's, and writes report.md / report.html.
# Re-running continues where it stopped (finished steps are not repeated).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-runs/progression-demo}"
if [ -f "$out/progression.json" ]; then
  scripts/synvid progression --preset cpu-demo --downstream synaction --out "$out" --resume
else
  scripts/synvid progression --preset cpu-demo --downstream synaction --out "$out"
fi
echo "report: $out/report.md ($out/report.html), table: $out/results.csv"
