-- wrk script for bench/order-throughput.sh: each wrk thread is one client (its own access token) placing
-- 20-line orders of consecutive SKUs from a random start, one after another.
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

function init(args)
  math.randomseed(os.time() * 1000 + seed)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.method = "POST"
end

function request()
  local from = math.random(0, 9979)
  local lines = {}
  for i = 0, 19 do
    lines[#lines + 1] = '{"sku":"T-' .. (from + i) .. '","quantity":1}'
  end
  return wrk.format(nil, "/v1/orders", nil, '{"lines":[' .. table.concat(lines, ",") .. ']}')
end
