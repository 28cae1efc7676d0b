-- wrk script: print one machine-readable line with requests/s, p95 and errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
    summary.requests / seconds, latency:percentile(95) / 1000,
    latency:percentile(50) / 1000, summary.requests, errors))
end
