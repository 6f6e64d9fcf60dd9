//! Connecting to SQLite (embedded default) or PostgreSQL, and beginning write transactions the
//! same way on both.
use std::time::Duration;

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// The embedded default: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/shop.db?mode=rwc";

/// Opens a pool. SQLite gets WAL, `synchronous=NORMAL`, a busy timeout and foreign keys; its file's
/// directory is created when missing.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        let dir = sqlite_file(url).and_then(|f| std::path::Path::new(f).parent()).filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("creating {}: {e}", dir.display())))?;
        }
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    }
    Database::connect(opts).await
}

/// The file of a SQLite URL (`sqlite://data/shop.db?mode=rwc` -> `data/shop.db`); `None` for other
/// databases and in-memory SQLite.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at BEGIN (IMMEDIATE),
/// so concurrent writers queue on the busy timeout instead of failing when a read lock upgrades.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            db.begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
        }
        _ => db.begin().await,
    }
}
