-- Shared by the order scenarios (flash sale, spread): latency per answer status, a request quota,
-- one JSON line at the end. wrk's own histogram mixes accepted and refused orders, so each thread
-- times its requests itself: run wrk with as many threads as connections (-t N -c N), then a
-- thread's request() and response() strictly alternate and the time between them is one request.
--
-- A scenario script defines `order_request(i)` (i = 0, 1, 2, ... across all threads, no two
-- threads share one) returning the request, after `dofile`-ing this file. Environment:
--   THREADS  the -t/-c of wrk            QUOTA  total requests, then the threads stop (optional)
--   DONE     a file each thread appends a line to when its share is done (run.sh waits on it)
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *ts);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC: one clock for every thread
  return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local threads = {}
local thread_count = tonumber(os.getenv("THREADS"))
local quota = tonumber(os.getenv("QUOTA") or "")

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Per thread (globals, so done() can read them with thread:get; flat tables, because wrk 4.1
-- crashes copying nested ones): answer k had status codes[k] and took lats[k] microseconds.
codes, lats = {}, {}
first_us, last_us = nil, nil
local sent, answered, share, started = 0, 0, nil, nil

function init(args)
  math.randomseed(7919 * id + 17) -- a different, repeatable sequence per thread
  if quota then
    -- Spread the quota: the first (quota mod threads) threads take one more.
    share = math.floor(quota / thread_count) + ((id < quota % thread_count) and 1 or 0)
  end
end

function request()
  local i = id + thread_count * sent
  sent = sent + 1
  started = now_us()
  first_us = first_us or started
  return order_request(i)
end

function response(status, headers, body)
  local t = now_us()
  last_us = t
  answered = answered + 1
  codes[answered] = status
  lats[answered] = t - started
  if share and answered == share then
    local f = io.open(os.getenv("DONE"), "a")
    f:write(id, "\n")
    f:close()
    wrk.thread:stop()
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency, requests)
  local merged, first, last = {}, nil, nil
  for _, t in ipairs(threads) do
    local codes, lats = t:get("codes"), t:get("lats")
    for k, status in ipairs(codes) do
      local m = merged[status] or {}
      merged[status] = m
      m[#m + 1] = lats[k]
    end
    local f, l = t:get("first_us"), t:get("last_us")
    if f and (not first or f < first) then first = f end
    if l and (not last or l > last) then last = l end
  end
  local parts, total = {}, 0
  for status, list in pairs(merged) do
    table.sort(list)
    total = total + #list
    table.insert(parts, string.format('"%d":{"n":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}',
      status, #list, percentile(list, 50), percentile(list, 99), list[#list]))
  end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"span_us":%d,"errors":%d,"statuses":{%s}}\n',
    total, (last or 0) - (first or 0), e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
