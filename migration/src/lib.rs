//! Schema migrations for the shop. sea-orm-migration has no lock of its own: the server runs them
//! under the start lock (`domain::db::with_start_lock`), so servers started together migrate once,
//! and the worker only waits for the schema to be current.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_users;
mod m20261127_000002_create_products;
mod m20261127_000003_create_coupons;
mod m20261127_000004_create_user_coupons;
mod m20261127_000005_create_orders;
mod m20261127_000006_create_order_items;
mod m20261127_000007_create_order_events;
mod m20261127_000008_create_stock_adjustments;
mod m20261127_000009_create_sessions;
mod m20261127_000010_create_worker_sweeps;
mod m20261130_000011_create_categories_and_images;
mod m20261130_000012_add_order_shipping;
mod m20261130_000013_create_cart_lines;
mod m20261130_000014_allow_refunded_orders;
mod m20261130_000015_create_sign_in_failures;
mod m20261130_000016_create_payment_attempts;
mod m20261207_000017_add_product_options;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_users::Migration),
            Box::new(m20261127_000002_create_products::Migration),
            Box::new(m20261127_000003_create_coupons::Migration),
            Box::new(m20261127_000004_create_user_coupons::Migration),
            Box::new(m20261127_000005_create_orders::Migration),
            Box::new(m20261127_000006_create_order_items::Migration),
            Box::new(m20261127_000007_create_order_events::Migration),
            Box::new(m20261127_000008_create_stock_adjustments::Migration),
            Box::new(m20261127_000009_create_sessions::Migration),
            Box::new(m20261127_000010_create_worker_sweeps::Migration),
            Box::new(m20261130_000011_create_categories_and_images::Migration),
            Box::new(m20261130_000012_add_order_shipping::Migration),
            Box::new(m20261130_000013_create_cart_lines::Migration),
            Box::new(m20261130_000014_allow_refunded_orders::Migration),
            Box::new(m20261130_000015_create_sign_in_failures::Migration),
            Box::new(m20261130_000016_create_payment_attempts::Migration),
            Box::new(m20261207_000017_add_product_options::Migration),
        ]
    }
}

/// Waits (polling) until every migration has been applied by someone else, up to `timeout`.
/// Used by processes that must not run migrations themselves (the worker).
pub async fn wait_until_current<C>(db: &C, timeout: std::time::Duration) -> Result<(), DbErr>
where
    C: ConnectionTrait,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        // Read-only: the plain check creates the tracking table when it is missing, which raced
        // a server creating it at the same moment on a new database (a duplicate `pg_type` row).
        let pending = Migrator::get_pending_migrations_read_only(db).await.map(|p| p.len());
        match pending {
            Ok(0) => return Ok(()),
            Ok(_) | Err(_) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
            Ok(n) => {
                return Err(DbErr::Custom(format!(
                    "{n} migrations still pending after {timeout:?}; run the server or `cargo run -p migration` first"
                )));
            }
            Err(e) => return Err(e),
        }
    }
}
