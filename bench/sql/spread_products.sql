-- The spread's catalogue: @count@ products with plenty of stock, each with the stock adjustment
-- that records it (the invariant check compares stock with that ledger). Timestamps are copied
-- from a row the shop wrote, so they have its format on either database. Same SQL for both.
WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < @count@)
INSERT INTO products (name, description, price, stock, status, created_at, updated_at)
SELECT 'Spread item ' || x, 'Benchmark product', 500 + (x % 50) * 100, 1000000, 'on_sale', t.at, t.at
FROM g, (SELECT created_at AS at FROM users ORDER BY id LIMIT 1) AS t;

INSERT INTO stock_adjustments (product_id, delta, reason, admin_user_id, at)
SELECT id, stock, 'benchmark set-up', NULL, created_at FROM products WHERE name LIKE 'Spread item %';
