-- One issued coupon of every benchmark campaign for every benchmark shopper (the campaigns were
-- created through the API), and the campaigns' issued counts to match.
INSERT INTO user_coupons (user_id, coupon_id, status, order_id, issued_at, updated_at)
SELECT u.id, c.id, 'available', NULL, c.created_at, c.created_at
FROM users u, coupons c
WHERE u.email LIKE 'shopper%@bench.test' AND c.name LIKE 'Bench coupon %';

UPDATE coupons SET issued_count = (SELECT count(*) FROM user_coupons uc WHERE uc.coupon_id = coupons.id)
WHERE name LIKE 'Bench coupon %';
