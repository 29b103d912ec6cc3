-- wrk script for the free-slot query (issue 10): GET of the URL given to wrk, with optional
-- request headers from the environment, and a one-line summary with p50/p99 in milliseconds.
--   OKNO_WRK_HEADERS='Accept-Language: ru|Accept-Encoding: gzip, deflate, br'  (| separates)
-- Run by bench/slots_wrk.sh; by hand:
--   wrk -t1 -c1 -d10s -s bench/wrk/slots.lua \
--     'http://127.0.0.1:8080/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-30'
local extra = os.getenv("OKNO_WRK_HEADERS") or ""
for header in string.gmatch(extra, "[^|]+") do
  local name, value = string.match(header, "^%s*([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

local label = os.getenv("OKNO_WRK_LABEL") or wrk.path

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout + summary.errors.status
  io.write(string.format(
    "RESULT %s | %d requests in %.1f s = %.0f/s | p50 %.3f ms | p90 %.3f ms | p99 %.3f ms | " ..
    "max %.3f ms | %.0f bytes/answer | %d errors (non-2xx %d)\n",
    label, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.bytes / math.max(summary.requests, 1), errors, summary.errors.status))
end
