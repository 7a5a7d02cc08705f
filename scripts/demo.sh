#!/usr/bin/env bash
# The main job on the built-in default: no downloads, no user data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec scripts/synvid info "$@"
