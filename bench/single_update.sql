-- pgbench sanity floor: one client updating one row, one transaction per update (each commit
-- waits for its own WAL flush). A hot-order baseline measured with many clients that falls below
-- this was taken on a loaded or broken database, and the run is marked invalid.
BEGIN;
UPDATE products SET updated_at = now() WHERE id = :product;
COMMIT;
