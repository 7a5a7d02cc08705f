#!/usr/bin/env bash
# Step parity with PyTorch: SynVid exports fixed batches and an initial state and trains on them
# (`synvid bench finetune-parity` / `pretrain-parity`), then the PyTorch reference replays the same steps and compares
# the losses step by step (and the groups, the lr schedule, the init and the total update of every tensor).
# Usage: compare_steps.sh [finetune|pretrain|both] [extra options for the SynVid export, e.g. --steps 20 --batch 4]
# Environment: PYTHON (default /usr/bin/python3, an interpreter with torch), OUT (default /tmp/synvid-step-parity),
# THREADS (torch threads on both sides, default 1), TOLERANCE (largest relative loss difference, default 1e-3).
# Exit status 1 when a comparison fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-/tmp/synvid-step-parity}
THREADS=${THREADS:-1}
TOLERANCE=${TOLERANCE:-1e-3}
which=${1:-both}
[ $# -gt 0 ] && shift
case "$which" in
  finetune) kinds=(finetune) ;;
  pretrain) kinds=(pretrain) ;;
  both) kinds=(finetune pretrain) ;;
  *) echo "compare_steps: the first argument is finetune, pretrain or both, got '$which'" >&2; exit 2 ;;
esac

status=0
for kind in "${kinds[@]}"; do
  dir="$OUT/$kind"
  rm -rf "$dir"
  echo "== SynVid: scripts/synvid bench $kind-parity --out $dir --threads $THREADS $*"
  scripts/synvid bench "$kind-parity" --out "$dir" --threads "$THREADS" "$@" | tail -n 1
  echo "== PyTorch: $PYTHON bench/reference/${kind}_step_reference.py $dir --threads $THREADS --tolerance $TOLERANCE"
  OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" \
    "$PYTHON" bench/reference/"${kind}"_step_reference.py "$dir" --threads "$THREADS" --tolerance "$TOLERANCE" || status=1
done
exit $status
