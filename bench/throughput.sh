#!/usr/bin/env bash
# Training throughput of the CPU model against the machine's matrix units (run on a quiet machine).
# For fp32 and bf16 products: the pre-training step alone (`bench train-step`, which also times a large matmul in the
# same process: the ceiling), then pre-training and fine-tuning end to end, data included (clips rendered directly at
# the input size), each printing clips/s and achieved GFLOP/s. Usage: bench/throughput.sh [THREADS] [BATCH] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
batch=${2:-64}
out=${3:-$(mktemp -d)}
for precision in fp32 bf16; do
  echo "== $precision, $threads thread(s), batch $batch"
  scripts/synvid bench train-step --preset cpu-tiny --batch "$batch" --threads "$threads" --steps 5 --precision "$precision" | tail -n 1
  scripts/synvid pretrain --stage moving-circles --res 64 --preset cpu-tiny --batch "$batch" --steps 40 \
    --set precision="$precision" --threads "$threads" --checkpoint-every 1000 --out "$out/pretrain-$precision" --force \
    | grep -E "^steps "
  scripts/synvid finetune --data "synaction:size=85x64,test=2" --checkpoint none --epochs 2 --batch $((batch / 2)) \
    --set precision="$precision" --threads "$threads" --views 1x1 --out "$out/finetune-$precision" --force \
    | grep -E "^trained "
done
