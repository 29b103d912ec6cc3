#!/usr/bin/env bash
# Renders the waiting-room board (okno-kiosk --screenshot board: the demo day's calls, waits and
# notices) into docs/screenshots/board/: each of the six languages, large print (1.5x, 2x), the
# reconnecting state, and a zone board (desk 3 only). No window: SDL's offscreen driver.
# Usage: kiosk/scripts/board_screenshots.sh [path/to/okno-kiosk]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kiosk="${1:-$root/build-kiosk/kiosk/okno-kiosk}"
out="$root/docs/screenshots/board"
mkdir -p "$out"
export SDL_VIDEODRIVER=offscreen
shot() { "$kiosk" --screenshot board "$@"; }
for l in ru en hy be kk ky; do
  shot --lang "$l" --out "$out/board-$l.png"
done
shot --lang ru --large 1.5 --out "$out/board-ru-large15.png"
shot --lang ru --large 2 --out "$out/board-ru-large2.png"
shot --lang hy --large 2 --out "$out/board-hy-large2.png"
shot --lang ru --server-down --out "$out/board-ru-reconnecting.png"
shot --lang en --server-down --out "$out/board-en-reconnecting.png"
shot --lang ru --desks 3 --out "$out/board-ru-zone-desk3.png"
shot --lang kk --size 1280x720 --out "$out/board-kk-1280x720.png"
echo "screenshots in $out"
