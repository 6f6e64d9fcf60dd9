-- Flash sale: every request places a 1-unit order of the hot product, request i from shopper
-- i mod n of the pre-created shoppers (their session tokens, one per line, in $COOKIES).
dofile(os.getenv("BENCH_DIR") .. "/orders.lua")

local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do
  table.insert(cookies, line)
end
local body = '{"items":[{"product_id":' .. os.getenv("PRODUCT_ID") .. ',"quantity":1}]}'

function order_request(i)
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "shop_session=" .. cookies[i % #cookies + 1],
  }, body)
end
