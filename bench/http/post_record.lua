-- wrk script: each request declares a learning record (a durable write through group commit).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("JIXU_TOKEN")
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"date":"2026-06-01","category":"public","form":"seminar","hours":1,' ..
    '"title":"bench %d-%d","provider_name":"bench"}', math.random(1, 1e9), n)
  return wrk.format(nil, nil, nil, body)
end
