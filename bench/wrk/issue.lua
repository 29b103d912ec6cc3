-- wrk script (bench/queue.sh, docs/performance.md "Queue"): walk-in tickets at the kiosk's route,
-- POST /api/v1/offices/qbench/tickets with a JSON body. Every connection sends the same body;
-- the server numbers the tickets.
--   wrk -t2 -c16 -d10s --latency -s bench/wrk/issue.lua http://127.0.0.1:PORT
wrk.method = "POST"
wrk.path = "/api/v1/offices/qbench/tickets"
wrk.body = '{"service":"walkin","language":"ru","channel":"kiosk"}'
wrk.headers["Content-Type"] = "application/json"
-- The registered kiosk's key (okno-server kiosk add; the kiosk channel needs it), when given.
local kiosk_key = os.getenv("OKNO_KIOSK_KEY")
if kiosk_key and kiosk_key ~= "" then wrk.headers["X-Kiosk-Key"] = kiosk_key end

-- The summary line, from summary.lua beside this script.
done = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "summary.lua")
