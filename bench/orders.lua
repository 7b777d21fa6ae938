-- wrk script for bench/order-throughput.sh: each wrk thread takes an access token from the file
-- QM_TOKENS (round robin: a file with one token makes every connection the same client) and places
-- 20-line orders of consecutive SKUs from a random start, one after another, each with its own
-- Idempotency-Key.
local tokens = {}
local next_thread = 1

function setup(thread)
  if #tokens == 0 then
    for line in io.lines(os.getenv("QM_TOKENS")) do
      tokens[#tokens + 1] = line
    end
  end
  thread:set("token", tokens[((next_thread - 1) % #tokens) + 1])
  thread:set("seed", next_thread)
  next_thread = next_thread + 1
end

local counter = 0
local prefix

function init(args)
  math.randomseed(os.time() * 1000 + seed)
  prefix = string.format("bench-%d-%d-%d", os.time(), seed, math.random(0, 2147483647))
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.method = "POST"
end

function request()
  counter = counter + 1
  local from = math.random(0, 9979)
  local lines = {}
  for i = 0, 19 do
    lines[#lines + 1] = '{"sku":"T-' .. (from + i) .. '","quantity":1}'
  end
  -- wrk.format takes the headers given in place of wrk.headers, so they are copied in
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Idempotency-Key"] = prefix .. "-" .. counter
  return wrk.format(nil, "/v1/orders", headers, '{"lines":[' .. table.concat(lines, ",") .. ']}')
end
