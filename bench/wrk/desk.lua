-- wrk script (bench/queue.sh, docs/performance.md "Queue"): 16 desks cycling call-next -> start
-- -> finish. Run with as many threads as connections (-t16 -c16): wrk gives each thread its own
-- Lua state, so each thread is one desk with its own place in the cycle.
--   wrk -t16 -c16 -d10s --latency -s bench/wrk/desk.lua http://127.0.0.1:PORT
-- The staff token comes from the environment (bench/queue.sh writes it into queue.toml).
local token = os.getenv("OKNO_STAFF_TOKEN") or "bench-token"
local desks = 0

function setup(thread)
  desks = desks + 1
  thread:set("desk", tostring(desks))
end

local steps = { "call-next", "start", "finish" }
local step = 0
local base
local headers

function init(args)
  base = "/api/v1/offices/qbench/desks/" .. desk .. "/"
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["X-Staff-Actor"] = "bench.desk" .. desk,
    ["Content-Type"] = "application/json",
  }
end

-- The step advances when the answer comes, not when the request is made: wrk calls request()
-- once more on the first thread before the run (script_verify_request in wrk.c, to count the
-- requests for pipelining), and that request is never sent; advancing there put desk 1 a step
-- ahead, so its first two requests ("start", "finish" with nothing called) answered 409.
-- One connection per thread and no pipelining, so answers come in the order of the requests.
function request()
  return wrk.format("POST", base .. steps[step + 1], headers, "{}")
end

function response(status, headers, body)
  step = (step + 1) % 3
end

-- The summary line, from summary.lua beside this script.
done = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "summary.lua")
