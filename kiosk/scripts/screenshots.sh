#!/usr/bin/env bash
# Renders every kiosk screen in all six languages, plus large print (1.5x, 2x) and the
# high-contrast theme, into docs/screenshots/kiosk/ (no window: SDL's offscreen driver).
# Usage: kiosk/scripts/screenshots.sh [path/to/okno-kiosk]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kiosk="${1:-$root/build-kiosk/kiosk/okno-kiosk}"
out="$root/docs/screenshots/kiosk"
mkdir -p "$out"
export SDL_VIDEODRIVER=offscreen
screens="welcome accessibility checkin checkin_done ticket_services ticket_options ticket_shown
book_services book_slots book_phone book_consent book_done wayfinding feedback feedback_comment
feedback_federal
feedback_done"
for s in $screens; do
  for l in ru en hy be kk ky; do
    "$kiosk" --screenshot "$s" --lang "$l" --out "$out/$s-$l.png"
  done
  "$kiosk" --screenshot "$s" --lang ru --large 1.5 --out "$out/$s-ru-large15.png"
  "$kiosk" --screenshot "$s" --lang ru --large 2 --out "$out/$s-ru-large2.png"
  "$kiosk" --screenshot "$s" --lang ru --contrast --out "$out/$s-ru-contrast.png"
done
"$kiosk" --screenshot welcome --lang kk --large 2 --contrast --out "$out/welcome-kk-large2-contrast.png"
"$kiosk" --screenshot ticket_shown --lang hy --large 1.5 --out "$out/ticket_shown-hy-large15.png"
# Large print in Armenian too (issue 16 item 11): the screens a visitor meets first.
for s in welcome checkin book_slots wayfinding; do
  "$kiosk" --screenshot "$s" --lang hy --large 1.5 --out "$out/$s-hy-large15.png"
  "$kiosk" --screenshot "$s" --lang hy --large 2 --out "$out/$s-hy-large2.png"
done
"$kiosk" --screenshot welcome --lang en --server-down --out "$out/welcome-en-server-down.png"
echo "screenshots in $out"
