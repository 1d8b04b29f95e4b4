-- wrk script: cycles through the requests in the file named by BENCH_REQUESTS (one per line:
-- "GET /path" or "POST /path {json}") with the session cookie in BENCH_COOKIE, then prints p50/p95.
-- Requests are built in init, once wrk knows the Host header.
local requests = {}
init = function(_)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
    local headers = { ["Cookie"] = os.getenv("BENCH_COOKIE") }
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
done = function(summary, latency, _)
  io.write(string.format("requests %d, non-2xx %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
