-- pgbench baseline for the flash sale: the SQL of one order on the hot row, in the order the shop
-- runs it (order, line and timeline first, the conditional stock update last), one transaction.
\set uid random(1, :shoppers)
BEGIN;
INSERT INTO orders (user_id, status, subtotal, discount, total, expires_at, created_at, updated_at)
  VALUES (:uid, 'pending_payment', 1000, 0, 1000, now() + interval '10 minutes', now(), now())
  RETURNING id AS order_id \gset
INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
  VALUES (:order_id, :product, 'hot', 1, 1000, 1000);
INSERT INTO order_events (order_id, kind, detail, at) VALUES (:order_id, 'placed', 'total 1000', now());
UPDATE products SET stock = stock - 1, updated_at = now() WHERE id = :product AND stock >= 1;
COMMIT;
