-- wrk's side of `npm run bench:submit`: every request is a new parent's answer with its own
-- id and its own address (the public routes allow 60 requests a minute per address, and the
-- server under test trusts the proxy header). The answers come from a pool the bench wrote
-- (one JSON object per line), so the load generator spends its CPU on sending, not on making
-- answers. At the end, the ids the server acknowledged go to BENCH_OUT for the reconciliation.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

function init(args)
  pool = {}
  for line in io.lines(os.getenv("BENCH_POOL")) do pool[#pool + 1] = line end
  run = os.getenv("BENCH_RUN")
  path = os.getenv("BENCH_PATH")
  sent = 0
  answered = {}
  statuses = {}
end

function request()
  sent = sent + 1
  -- 8 hex digits of the run, then the thread and its counter: unique within and across runs
  local id = string.format("%s-%04x-4000-8000-%012x", run, tid, sent)
  -- the thread in the top bits of 10.0.0.0/8, the counter below: 4M addresses per thread
  local n = tid * 4194304 + sent
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = '{"id":"' .. id .. '","data":' .. pool[sent % #pool + 1] .. '}'
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 200 and status < 300 then answered[#answered + 1] = string.match(body, '"id":"([^"]+)"') end
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  local e = summary.errors
  out:write(string.format('{"duration_us":%d,"requests":%d,"p50_us":%d,"p99_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"statuses":{',
    summary.duration, summary.requests, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.timeout))
  local sentTotal, first = 0, true
  local codes = {}
  for _, t in ipairs(threads) do
    sentTotal = sentTotal + t:get("sent")
    for code, count in pairs(t:get("statuses")) do codes[code] = (codes[code] or 0) + count end
  end
  for code, count in pairs(codes) do
    out:write(string.format('%s"%d":%d', first and "" or ",", code, count))
    first = false
  end
  out:write('},"sent":' .. sentTotal .. ',"answered":[')
  first = true
  for _, t in ipairs(threads) do
    for _, id in ipairs(t:get("answered")) do
      out:write((first and '"' or ',"') .. id .. '"')
      first = false
    end
  end
  out:write("]}\n")
  out:close()
end
