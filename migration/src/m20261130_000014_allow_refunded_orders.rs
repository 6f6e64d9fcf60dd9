//! Orders can be `refunded` (staff refund a paid order). Widens the CHECK on `orders.status`.
//!
//! PostgreSQL replaces the constraint. SQLite cannot alter a constraint; its documented way to
//! relax a CHECK is to edit the table's stored definition in place and bump the schema version
//! (SQLite's ALTER TABLE documentation, "making other kinds of table schema changes"): every
//! existing row already satisfies the wider check, so no row is touched, and the other tables'
//! foreign keys are left alone. It runs in a transaction so every statement uses one connection.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NARROW: &str = "'pending_payment', 'paid', 'cancelled'";
const WIDE: &str = "'pending_payment', 'paid', 'cancelled', 'refunded'";

async fn replace_sqlite_check<C: ConnectionTrait>(db: &C, from: &str, to: &str) -> Result<(), DbErr> {
    let one = |sql: &str| Statement::from_string(DatabaseBackend::Sqlite, sql);
    let version: i64 = db
        .query_one_raw(one("PRAGMA schema_version"))
        .await?
        .ok_or_else(|| DbErr::Custom("no schema version".to_owned()))?
        .try_get_by_index(0)?;
    let table: String = db
        .query_one_raw(one("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'"))
        .await?
        .ok_or_else(|| DbErr::Custom("no orders table".to_owned()))?
        .try_get_by_index(0)?;
    if !table.contains(from) {
        return Err(DbErr::Custom(format!("unexpected orders definition: {table}")));
    }
    db.execute_unprepared("PRAGMA writable_schema = ON").await?;
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "UPDATE sqlite_master SET sql = $1 WHERE type = 'table' AND name = 'orders'",
        [table.replace(from, to).into()],
    ))
    .await?;
    db.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1)).await?;
    db.execute_unprepared("PRAGMA writable_schema = OFF").await?;
    let check: String = db
        .query_one_raw(one("PRAGMA quick_check"))
        .await?
        .ok_or_else(|| DbErr::Custom("no integrity answer".to_owned()))?
        .try_get_by_index(0)?;
    if check != "ok" {
        return Err(DbErr::Custom(format!("after changing the orders check: {check}")));
    }
    Ok(())
}

/// Replaces the list of states the CHECK on `orders.status` allows (`from` -> `to`).
async fn set_status_check(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared(&format!(
                "ALTER TABLE orders DROP CONSTRAINT orders_status_check; \
                 ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ({to}))"
            ))
            .await?;
            Ok(())
        }
        _ => replace_sqlite_check(db, from, to).await,
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// On SQLite too: the edit must happen on one connection, all or nothing.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_status_check(manager, NARROW, WIDE).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_status_check(manager, WIDE, NARROW).await
    }
}
