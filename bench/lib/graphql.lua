-- wrk script of the harness: POSTs GraphQL bodies and checks every answer, not only its status.
-- Environment: BENCH_BODIES  file with one JSON request body per line (each request picks one at random)
--              BENCH_TOKENS  optional file with one bearer token per line (each request picks one at random)
--              BENCH_ALLOWED optional UserErrorCode a mutation may answer without it counting as an error
--              BENCH_OUT     where done() writes the JSON summary
-- Counted per answer: non-200 statuses, GraphQL errors (a top-level "errors" entry, which always has a "message"),
-- payload errors (UserError codes) other than BENCH_ALLOWED, and the allowed code itself.
local function lines(path)
  local list = {}
  if path == nil or path == "" then return list end
  for line in io.lines(path) do if line ~= "" then list[#list + 1] = line end end
  return list
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

-- counters are globals: done() reads them from each thread with thread:get, which sees globals only
local bodies, tokens, allowed
non200, graphql, usererr, allowedcount, ok = 0, 0, 0, 0, 0
samples = {}

function init(args)
  bodies = lines(os.getenv("BENCH_BODIES"))
  tokens = lines(os.getenv("BENCH_TOKENS"))
  allowed = os.getenv("BENCH_ALLOWED") or ""
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local headers = { ["Content-Type"] = "application/json" }
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] end
  return wrk.format("POST", "/graphql", headers, bodies[math.random(#bodies)])
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if #samples < 3 then samples[#samples + 1] = status .. " " .. body:sub(1, 300) end
  elseif body:find('"errors":[{"message"', 1, true) then
    graphql = graphql + 1
    if #samples < 3 then samples[#samples + 1] = body:sub(1, 300) end
  elseif allowed ~= "" and body:find('"code":"' .. allowed .. '"', 1, true) then
    allowedcount = allowedcount + 1
  elseif body:find('"errors":[{', 1, true) then
    usererr = usererr + 1
    if #samples < 3 then samples[#samples + 1] = body:sub(1, 300) end
  else
    ok = ok + 1
  end
end

local function quote(s) return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' ') .. '"' end

function done(summary, latency, requests)
  local t = { non200 = 0, graphql = 0, usererr = 0, allowed = 0, ok = 0 }
  local all = {}
  for _, thread in ipairs(threads) do
    t.non200 = t.non200 + thread:get("non200")
    t.graphql = t.graphql + thread:get("graphql")
    t.usererr = t.usererr + thread:get("usererr")
    t.allowed = t.allowed + thread:get("allowedcount")
    t.ok = t.ok + thread:get("ok")
    local s = thread:get("samples")
    for i = 1, #s do all[#all + 1] = quote(s[i]) end
  end
  local e = summary.errors
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  out:write(string.format('{"requests":%d,"duration_us":%d,"bytes":%d,'
    .. '"p50_ms":%.3f,"p90_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,'
    .. '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"non2xx":%d,'
    .. '"non200":%d,"graphql_errors":%d,"user_errors":%d,"allowed":%d,"ok":%d,"samples":[%s]}',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, e.status,
    t.non200, t.graphql, t.usererr, t.allowed, t.ok, table.concat(all, ",")))
  out:close()
end
