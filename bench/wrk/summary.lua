-- The one line both wrk scripts print at the end (okno-queue-bench reads it): requests, seconds,
-- latency percentiles in milliseconds and every kind of error (non-2xx answers included).
return function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-summary requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f " ..
                         "max_ms=%.3f errors=%d\n",
                         summary.requests, summary.duration / 1e6,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000,
                         e.connect + e.read + e.write + e.status + e.timeout))
end
