-- wrk script: POST /v1/resources with a JSON body and the key from SANDBOX_KEY.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("SANDBOX_KEY")

local n = 0
request = function()
  n = n + 1
  local body = '{"name":"bench ' .. n .. '","region":"eu-west","metadata":{"source":"wrk"}}'
  return wrk.format(nil, nil, nil, body)
end

-- Any non-2xx answer is a bench failure, not a data point.
response = function(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
