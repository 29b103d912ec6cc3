#!/usr/bin/env bash
# Kiosk benchmark (issue 5, must-show 6) under Xvfb at 1920x1080: cold start to first frame,
# CPU per frame, idle CPU over 60 s, resident memory with all fonts. Prints a Markdown table.
# Usage: kiosk/scripts/bench.sh [path/to/okno-kiosk] [idle seconds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kiosk="${1:-$root/build-kiosk/kiosk/okno-kiosk}"
idle="${2:-60}"
out="$(mktemp)"
# No server is needed: the kiosk shows the welcome screen and retries in the background,
# which is part of what idle costs.
xvfb-run -a -s "-screen 0 1920x1080x24" "$kiosk" --bench "$out" --bench-idle-s "$idle" \
  --server http://127.0.0.1:9
cat "$out"
rm -f "$out"
