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

# In-process video decoding uses FFmpeg 5.1's shared libraries (Debian 12's, installed with its ffmpeg package). Where
# ffmpeg came from elsewhere they may be missing: install them when this system packages them, else SynVid falls back
# to ffmpeg processes (`synvid info` says which).
libav=(libavformat59 libavcodec59 libswscale6 libavutil57)
if command -v ldconfig >/dev/null 2>&1 && ! ldconfig -p | grep -q 'libavformat\.so\.59 ' \
  && command -v apt-cache >/dev/null 2>&1 && apt-cache show "${libav[0]}" >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing ${libav[*]} (in-process video decoding) with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${libav[@]}" >/dev/null
  else
    echo "setup: note: in-process video decoding needs: sudo apt-get install -y ${libav[*]} (until then ffmpeg processes are used)" >&2
  fi
fi

dotnet build SynVid.slnx -c Release -nologo -v q -clp:ErrorsOnly
