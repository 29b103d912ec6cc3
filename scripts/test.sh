#!/usr/bin/env bash
# Installs what the tests need, builds with warnings as errors, runs every test, then builds
# and runs them all once more under AddressSanitizer + UndefinedBehaviorSanitizer. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"

# Browser tests' npm packages (playwright-core, pinned by package-lock.json; it drives Debian's
# chromium, no browser download).
(cd tests/browser && npm ci --no-audit --no-fund)
# docs/openapi.json's referees (ajv, swagger-parser; pinned by package-lock.json, Node 18).
(cd tests/openapi && npm ci --no-audit --no-fund)

echo "== build (warnings are errors) =="
cmake -S . -B build/ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKNO_WERROR=ON > /dev/null
cmake --build build/ci -j"$jobs"
echo "== tests =="
ctest --test-dir build/ci --output-on-failure -j"$jobs" --timeout 600

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOKNO_WERROR=ON -DOKNO_SANITIZE=ON \
  -DOKNO_BUILD_BENCH=OFF > /dev/null
cmake --build build/asan -j"$jobs"
echo "== tests under sanitizers =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j"$jobs" --timeout 900
