#!/usr/bin/env bash
# The main job on the built-in default (no downloads, no user data): pre-trains a CPU-sized VideoMAE (cpu-tiny) on
# moving shapes generated on the fly, then writes a preview of the whole progression into the same run folder.
# Re-running continues the run from its last checkpoint (a finished run only redraws its figures).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
run="${1:-runs/demo}"
if [ -f "$run/config.json" ]; then
  scripts/synvid pretrain --resume "$run"
else
  scripts/synvid pretrain --stage moving-shapes --preset cpu-tiny --out "$run"
fi
scripts/synvid preview --progression --res 128 --out "$run/progression.png"
echo "run folder: $run (metrics.csv, loss.png, reconstruction.png, progression.png, checkpoints/, tensorboard/)"
