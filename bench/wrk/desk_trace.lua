-- desk.lua with its own clock (issue 10, docs/performance.md "Why wrk's p99 ..."): the same 16
-- desks cycling call-next -> start -> finish, but each request is also timed in Lua, from
-- request() to response() (LuaJIT's ffi, clock_gettime(CLOCK_MONOTONIC)), and done() prints that
-- distribution ("lua-gaps p99=...") beside wrk's own one. wrk 4.1 corrects its latency histogram
-- for coordinated omission (stats_correct in wrk.c) before printing it and before done(): the two
-- differ by exactly that correction. Lines "desk=… gap=…" name every request over 15 ms or not 200.
--   bash bench/queue.sh --only desks --wrk-prefix "$PWD/bench/wrk/trace_wrap.sh"
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } timespec_t; int clock_gettime(int, timespec_t*); ]]
local ts = ffi.new("timespec_t")
local function now_us() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3 end
local token = os.getenv("OKNO_STAFF_TOKEN") or "bench-token"
local desks = 0
local threads = {}
function setup(thread) desks = desks + 1; thread:set("desk", tostring(desks)); threads[#threads+1] = thread end
hist = {}
local steps = { "call-next", "start", "finish" }
local step = 0
local base, headers
local sent_step = {}
local last = nil
local t0 = nil
local n = 0
function init(args)
  base = "/api/v1/offices/qbench/desks/" .. desk .. "/"
  headers = { ["Authorization"] = "Bearer " .. token, ["X-Staff-Actor"] = "bench.desk" .. desk, ["Content-Type"] = "application/json" }
end
function request()
  local path = base .. steps[step + 1]
  sent_step[n + 1] = steps[step + 1]
  last = now_us()
  if not t0 then t0 = last end
  return wrk.format("POST", path, headers, "{}")
end
-- The step advances on the answer (see desk.lua: wrk's unsent verification request).
function response(status, hdrs, body)
  step = (step + 1) % 3
  n = n + 1
  local t = now_us()
  local gap = (t - last) / 1000
  local b = math.floor(gap * 10)
  hist[b] = (hist[b] or 0) + 1
  if gap > 15 or status ~= 200 then
    io.write(string.format("desk=%s n=%d t=%.1fms step=%s status=%d gap=%.1fms conn=%s %s\n", desk, n, (t - t0)/1000, sent_step[n] or "?", status, gap, hdrs["Connection"] or "-", status ~= 200 and body or ""))
  end
end
local summary = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "summary.lua")
function done(s, latency, requests)
  local all, total = {}, 0
  for _, t in ipairs(threads) do
    for b, c in pairs(t:get("hist")) do all[b] = (all[b] or 0) + c; total = total + c end
  end
  local keys = {}
  for b in pairs(all) do keys[#keys + 1] = b end
  table.sort(keys)
  local acc = 0
  local want = { 0.5, 0.9, 0.99, 0.999 }
  local wi = 1
  for _, b in ipairs(keys) do
    acc = acc + all[b]
    while wi <= #want and acc >= want[wi] * total do
      io.write(string.format("lua-gaps p%g=%.1fms (n=%d)\n", want[wi] * 100, b / 10, total)); wi = wi + 1
    end
  end
  io.write(string.format("wrk latency: count-based p99=%.2fms p90=%.2f\n", latency:percentile(99) / 1000, latency:percentile(90) / 1000))
  summary(s, latency, requests)
end
