-- Spread: request i is shopper i mod n's order of 1-3 distinct random products (1-3 units each)
-- out of the $PRODUCTS products from $FIRST_PRODUCT on; every other round of a shopper uses the
-- next of that shopper's issued coupons, so no two requests hold the same coupon.
-- $SHOPPERS_FILE: one line per shopper, "session-token coupon-id coupon-id ...".
dofile(os.getenv("BENCH_DIR") .. "/orders.lua")

local shoppers = {}
for line in io.lines(os.getenv("SHOPPERS_FILE")) do
  local fields = {}
  for f in line:gmatch("%S+") do table.insert(fields, f) end
  table.insert(shoppers, { token = fields[1], coupons = { select(2, unpack(fields)) } })
end
local first = tonumber(os.getenv("FIRST_PRODUCT"))
local count = tonumber(os.getenv("PRODUCTS"))

function order_request(i)
  local shopper = shoppers[i % #shoppers + 1]
  local round = math.floor(i / #shoppers)
  local items, seen = {}, {}
  for _ = 1, math.random(3) do
    local p = first + math.random(count) - 1
    if not seen[p] then
      seen[p] = true
      table.insert(items, string.format('{"product_id":%d,"quantity":%d}', p, math.random(3)))
    end
  end
  local coupon = ""
  local c = shopper.coupons[round / 2 + 1]
  if round % 2 == 0 and c then coupon = ',"coupon_id":' .. c end
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "shop_session=" .. shopper.token,
  }, '{"items":[' .. table.concat(items, ",") .. ']' .. coupon .. '}')
end
