#!/usr/bin/env bash
# Installs what SynVid needs beyond the .NET SDK (ffmpeg), then builds the solution in Release.
# As root it installs missing Debian/Ubuntu packages itself; otherwise it prints the exact command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ldd >/dev/null 2>&1 || missing+=(libc-bin)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
    echo "       (macOS: brew install ffmpeg; Windows: winget install ffmpeg)" >&2
    exit 1
  fi
fi

dotnet build SynVid.slnx -c Release -nologo -v q -clp:ErrorsOnly
