#!/usr/bin/env bash
# The free-slot query measured with an outside client (issue 10): Debian's wrk against a real
# okno-server on loopback, with the realistic fill of bench/okno_bench.cpp (the demo office's
# passport service about 60% booked for December: one place of every slot, both places of every
# third booking's slot). Results: docs/performance.md, "Free slots over HTTP, measured by wrk".
#
#   bash bench/slots_wrk.sh                      # Release build in build-bench/, 10 s per row
#   OKNO_SERVER=path/to/okno-server bash bench/slots_wrk.sh   # another binary (before/after)
#   OKNO_WRK_SECONDS=5 bash bench/slots_wrk.sh
#
# Rows: 1 connection (wrk -t1 -c1, sequential: the latency of one request), the same with a
# browser's headers (Accept-Language, Accept-Encoding), and wrk's defaults (-t2 -c10: ten
# requests in flight on two cores, so the p50 includes waiting for a core). The "site:" rows are
# the public site's times page (issue 12: a month of free times as day links plus the chosen
# day's times, rendered as HTML; target <= 5 ms server time, page < 100 KB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${OKNO_WRK_SECONDS:-10}"
server="${OKNO_SERVER:-}"
if [[ -z "$server" ]]; then
  build="${OKNO_BENCH_BUILD_DIR:-$root/build-bench}"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DOKNO_BUILD_KIOSK=OFF -DOKNO_BUILD_TESTS=OFF -DOKNO_BUILD_BENCH=ON >/dev/null
  cmake --build "$build" -j"$(nproc)" --target okno-server
  server="$build/booking-server/okno-server"
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work="$(mktemp -d /tmp/okno-slots-wrk-XXXXXX)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# One address at machine speed: this build's rate limits are off (docs/security.md); an older
# binary has none.
limits=()
if "$server" --help 2>/dev/null | grep -q -- "--limits"; then
  limits=(--limits "$root/tests/data/limits-off.toml")
fi
"$server" --port 0 --db "$work/okno.db" --offices "$root/bench/bench-offices.toml" "${limits[@]}" \
  --fake-now 2026-11-30T06:00:00Z --log-level warn >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/stdout" 2>/dev/null && break
  sleep 0.1
done
base="$(grep -o 'http://[^ ]*' "$work/stdout" | sed 's:/$::')"
[[ -n "$base" ]] || { echo "okno-server did not start:" >&2; cat "$work/stderr" >&2; exit 1; }

# The fill, as okno-bench does it, plus one place in every third 5-minute slot of 1 December at
# the round-the-clock office (the "day of 5-minute slots" row).
python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)
def book(office, service, start):
    body = {"office": office, "service": service, "start": start, "channel": "web",
            "client": {"name": "Иван Петров", "phone": "+79991234567", "email": "ivan@example.org"},
            "notify": {"mandatory": "portal", "extra": ["email"]}, "reminders": ["24h", "2h"],
            "language": "ru", "needs": ["sign_language"],
            "consent": {"given": True, "version": "pd-2025-09"}}
    req = urllib.request.Request(base + "/api/v1/bookings", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 201, r.status
n = 0
for s in get("/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-30")["slots"]:
    for _ in range(s["free"] if n % 3 == 0 else min(s["free"], 1)):
        book("demo", "passport", s["start"])
        n += 1
bulk = get("/api/v1/offices/bench/slots?service=bulk&from=2026-12-01&to=2026-12-01")["slots"]
for s in bulk[::3]:
    book("bench", "bulk", s["start"])
    n += 1
print(f"prefilled {n} bookings")
PY

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # the server's user + system time
run() {  # label, wrk options, path, [headers]
  local label="$1" opts="$2" path="$3" headers="${4:-}" before line
  before="$(cpu_ticks)"
  line="$(OKNO_WRK_LABEL="$label" OKNO_WRK_HEADERS="$headers" \
    wrk $opts -d"${seconds}s" -s "$root/bench/wrk/slots.lua" "$base$path" | grep '^RESULT')"
  # Server CPU per request: its user + system ticks during the run over wrk's request count.
  awk -v line="$line" -v ticks="$(($(cpu_ticks) - before))" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(line, f, "|"); n = f[2] + 0; sub(/^RESULT /, "", line)
    printf "%s | server CPU %.3f ms/request\n", line, n ? ticks * 1000 / hz / n : 0 }'
}
demo="/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-30"
day="/api/v1/offices/bench/slots?service=bulk&from=2026-12-01&to=2026-12-01"
month="/api/v1/offices/bench/slots?service=bulk&from=2026-12-01&to=2026-12-30"
browser="Accept-Language: ru-RU,ru;q=0.9,en;q=0.8|Accept-Encoding: gzip, deflate, br"
echo "server: $server"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "demo/passport 30 days, 1 connection" "-t1 -c1" "$demo"
run "demo/passport 30 days, 1 connection, browser headers" "-t1 -c1" "$demo" "$browser"
run "demo/passport 30 days, wrk defaults (-t2 -c10)" "-t2 -c10" "$demo"
run "bench/bulk 1 day of 5-min slots, 1 connection" "-t1 -c1" "$day"
run "bench/bulk 1 day of 5-min slots, wrk defaults (-t2 -c10)" "-t2 -c10" "$day"
run "bench/bulk 30 days of 5-min slots, 1 connection" "-t1 -c1" "$month"
for page in "/book/demo/passport?lang=ru" "/book/bench/bulk?lang=ru"; do
  echo "site page $page: $(curl -s -o /dev/null -w '%{size_download}' "$base$page") bytes of HTML"
done
run "site: /book/demo/passport (a month of times), 1 connection" "-t1 -c1" "/book/demo/passport?lang=ru"
run "site: /book/demo/passport, wrk defaults (-t2 -c10)" "-t2 -c10" "/book/demo/passport?lang=ru"
run "site: /book/bench/bulk (5-min slots, a month), 1 connection" "-t1 -c1" "/book/bench/bulk?lang=ru"
