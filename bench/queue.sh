#!/usr/bin/env bash
# The queue benchmark (issue 10, docs/performance.md "Queue"): builds okno-server and
# okno-queue-bench in Release (build-bench/, as bench/run.sh does) and runs it: raw SQLite, walk-in
# tickets with 100 and 10,000 already issued, 16 desks cycling, each by the bench's own libcurl
# clients and by wrk (bench/wrk/*.lua). Extra arguments go to okno-queue-bench, e.g.
#   bash bench/queue.sh --seconds 10
#   bash bench/queue.sh --server /path/to/another/okno-server   # the "before" build
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OKNO_BENCH_BUILD_DIR:-$root/build-bench}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOKNO_BUILD_KIOSK=OFF -DOKNO_BUILD_TESTS=OFF -DOKNO_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target okno-queue-bench okno-server
echo "machine: $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$build/bench/okno-queue-bench" "$@"
