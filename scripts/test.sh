#!/usr/bin/env bash
# Sets up (ffmpeg, Release build) and runs the whole test suite, one test at a time with one torch thread.
# `dotnet test` rebuilds incrementally, so the tests also check that a second build leaves a loadable shim.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet test tests/SynVid.Tests/SynVid.Tests.csproj -c Release -nologo \
  --logger "console;verbosity=normal" "$@"
