#!/usr/bin/env bash
# The main job on the built-in default (no downloads, no user data): pre-trains a CPU-sized VideoMAE (cpu-tiny) on
# moving shapes generated on the fly, writes a preview of the whole progression, then fine-tunes the pre-trained
# encoder on the built-in action benchmark (synaction, a proxy for UCF101) and prints its test accuracy.
# Re-running continues each step from its last checkpoint (finished steps are not repeated).
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
ft="$run/finetune-synaction"
if [ -f "$ft/results.json" ]; then
  echo "fine-tuning already finished: $ft/results.json"
elif [ -d "$ft" ]; then
  scripts/synvid finetune --resume "$ft"
else
  scripts/synvid finetune --data synaction --checkpoint "$run" --preset cpu-tiny --out "$ft"
fi
echo "run folder: $run (metrics.csv, loss.png, reconstruction.png, progression.png, checkpoints/, tensorboard/)"
echo "synaction fine-tuning (top-1/top-5 on the test split): $(grep -E '"top(1|5)"' "$ft/results.json" | tr -d ' \n')"
