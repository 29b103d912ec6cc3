#!/usr/bin/env bash
# Installs what Okno needs, builds it, and starts the main job: okno-server on an embedded
# SQLite file with the demo office (and the kiosk, where a display exists). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DOKNO_BUILD_TESTS=OFF \
  -DOKNO_BUILD_BENCH=OFF > build-release-configure.log 2>&1 || { cat build-release-configure.log; exit 1; }
rm -f build-release-configure.log
cmake --build build/release -j"$(nproc)"

port="${OKNO_PORT:-8080}"
server=build/release/booking-server/okno-server
mkdir -p var
echo "okno: database var/okno.db, offices assets/offices/demo.toml"
# A demo administrator for the staff console, made once; its password is kept in var/ (0600).
if [ ! -s var/admin-password ]; then
  umask 077
  pw="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)"
  if OKNO_STAFF_PASSWORD="$pw" "$server" --db var/okno.db --create-staff admin \
       --role administrator --display-name "Администратор" > /dev/null 2>&1; then
    printf '%s\n' "$pw" > var/admin-password
  fi
  umask 022
fi
if [ -s var/admin-password ]; then
  echo "okno: staff console http://127.0.0.1:${port}/staff/login — login admin, password in var/admin-password"
fi
# The demo kiosk's device key (the kiosk channel is for registered kiosks only), made once and
# kept in var/ (0600); okno-kiosk reads it from OKNO_KIOSK_KEY.
if [ ! -s var/kiosk-key ]; then
  umask 077
  # (A database whose demo-kiosk key was lost gets a second kiosk: keys are shown only once.)
  for name in demo-kiosk "demo-kiosk-$(date +%s)"; do
    if key="$("$server" --db var/okno.db kiosk add "$name" 2> /dev/null | tail -n 1)" &&
       [ -n "$key" ]; then
      printf '%s\n' "$key" > var/kiosk-key
      break
    fi
  done
  umask 022
fi
if [ -n "${DISPLAY:-}" ] && [ -x build/release/kiosk/okno-kiosk ]; then
  echo "okno: starting the kiosk on display $DISPLAY"
  OKNO_KIOSK_KEY="$(cat var/kiosk-key 2> /dev/null || true)" \
    build/release/kiosk/okno-kiosk --server "http://127.0.0.1:${port}" --office demo &
fi
echo "okno: open http://127.0.0.1:${port}/api/v1/offices (API guide: docs/api.md); Ctrl+C stops"
exec "$server" --host 0.0.0.0 --port "$port" --db var/okno.db
