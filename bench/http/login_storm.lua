-- wrk script: sign-in attempts with a wrong password for a rotating set of usernames (known and
-- unknown), as a password-guessing client would send them.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local users = {"admin", "hr", "province", "nobody" .. n % 50}
  local body = string.format('{"username":"%s","password":"guess-%d"}', users[n % #users + 1], n)
  return wrk.format(nil, nil, nil, body)
end
