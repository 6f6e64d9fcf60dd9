-- The expiry drain's backlog: @count@ pending orders already past their deadline, from the
-- benchmark shoppers, with one or two lines on the spread's products, and the stock they hold
-- taken off those products - as if they had been placed and never paid. Same SQL for both.
WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < @count@)
INSERT INTO orders (user_id, status, subtotal, discount, total, expires_at, idempotency_key, created_at, updated_at)
SELECT u.first + x % u.n, 'pending_payment', 3000, 0, 3000, t.at, 'drain-' || x, t.at, t.at
FROM g,
  (SELECT min(id) AS first, count(*) AS n FROM users WHERE email LIKE 'shopper%@bench.test') AS u,
  (SELECT created_at AS at FROM users ORDER BY id LIMIT 1) AS t;

INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
SELECT o.id, @first_product@ + o.id % @products@, 'drain', 1 + o.id % 3, 1000, 1000 * (1 + o.id % 3)
FROM orders o WHERE o.idempotency_key LIKE 'drain-%';

INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
SELECT o.id, @first_product@ + (o.id + @products@ / 2) % @products@, 'drain', 1, 1000, 1000
FROM orders o WHERE o.idempotency_key LIKE 'drain-%' AND o.id % 2 = 0;

UPDATE products SET stock = stock - d.q
FROM (SELECT product_id, sum(quantity) AS q FROM order_items WHERE product_name = 'drain' GROUP BY product_id) AS d
WHERE products.id = d.product_id;
