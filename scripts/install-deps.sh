#!/usr/bin/env bash
# Installs every Debian package Okno needs to build, run and test. Idempotent: apt skips what is there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PKGS=(
  build-essential cmake ninja-build pkg-config git ca-certificates clang-format
  libsqlite3-dev sqlite3 libcpp-httplib-dev nlohmann-json3-dev libicu-dev
  libhowardhinnant-date-dev tzdata libqrencode-dev libpng-dev libsodium-dev libspdlog-dev
  libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev curl libxml2-dev
  libimgui-dev libsdl2-dev libfreetype-dev fonts-noto-core libespeak-ng-dev espeak-ng
  libgl-dev libegl-dev xvfb xauth libgl1-mesa-dri
  python3 python3-aiosmtpd zbar-tools libical-dev
  wrk
  chromium
)
# Node.js and npm for the browser tests: the machine's own when present (a newer Node.js ships
# npm inside its package, and Debian's npm would pull Debian's older nodejs over it).
command -v npm > /dev/null || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "okno: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
