#!/usr/bin/env bash
# Builds okno-server and okno-bench in Release (build-bench/, idempotent) and runs the benchmark:
# raw SQLite commits, bookings over loopback at 1/16/64 clients, the 30-day free-slot query.
# Extra arguments go to okno-bench (e.g. --seconds 10). Results: docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OKNO_BENCH_BUILD_DIR:-$root/build-bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOKNO_BUILD_KIOSK=OFF -DOKNO_BUILD_TESTS=OFF -DOKNO_BUILD_BENCH=ON >/dev/null
# The benchmarks and the server they drive (okno-outbox-bench and okno-sse-bench are run by hand,
# see docs/performance.md).
cmake --build "$build" -j"$(nproc)" --target okno-bench okno-server okno-outbox-bench okno-sse-bench
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
exec "$build/bench/okno-bench" "$@"
