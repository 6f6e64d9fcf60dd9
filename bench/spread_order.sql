-- pgbench baseline for the spread: the SQL of one order of 1-3 lines on random products with a
-- coupon reservation, in the order the shop runs it (order, lines, coupon and timeline first, the
-- conditional stock updates last in ascending product id), one transaction.
\set uid random(1, :shoppers)
\set lines random(1, 3)
\set p1 random(:first, :first + :products - 201)
\set p2 :p1 + random(1, 100)
\set p3 :p2 + random(1, 100)
\set coupon random(:first_coupon, :last_coupon)
BEGIN;
INSERT INTO orders (user_id, status, subtotal, discount, total, user_coupon_id, expires_at, created_at, updated_at)
  VALUES (:uid, 'pending_payment', 3000, 300, 2700, :coupon, now() + interval '10 minutes', now(), now())
  RETURNING id AS order_id \gset
UPDATE user_coupons SET status = 'reserved', order_id = :order_id, updated_at = now()
  WHERE id = :coupon AND status = 'available';
INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
  VALUES (:order_id, :p1, 'spread', 1, 1000, 1000);
\if :lines >= 2
INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
  VALUES (:order_id, :p2, 'spread', 1, 1000, 1000);
\endif
\if :lines >= 3
INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, line_total)
  VALUES (:order_id, :p3, 'spread', 1, 1000, 1000);
\endif
INSERT INTO order_events (order_id, kind, detail, at) VALUES (:order_id, 'placed', 'total 2700', now());
UPDATE products SET stock = stock - 1, updated_at = now() WHERE id = :p1 AND stock >= 1;
\if :lines >= 2
UPDATE products SET stock = stock - 1, updated_at = now() WHERE id = :p2 AND stock >= 1;
\endif
\if :lines >= 3
UPDATE products SET stock = stock - 1, updated_at = now() WHERE id = :p3 AND stock >= 1;
\endif
COMMIT;
