-- Flash sale: every request places a 1-unit order of the hot product, each from the next of the
-- pre-created shoppers (their session tokens, one per line, in $COOKIES).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do
  table.insert(cookies, line)
end
local product = os.getenv("PRODUCT_ID")
local body = '{"items":[{"product_id":' .. product .. ',"quantity":1}]}'
local n = 0

function request()
  n = n + 1
  local token = cookies[(math.random(#cookies))]
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "shop_session=" .. token,
  }, body)
end
