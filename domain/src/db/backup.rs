//! Backing up the embedded database while the shop serves: SQLite's `VACUUM INTO` writes a
//! consistent copy of the database as of the moment it starts (a read transaction: writers go on
//! meanwhile, in WAL mode), compacted, in one file with no `-wal` beside it. The copy is then
//! opened on its own and checked (`PRAGMA integrity_check`) before it is called a backup.
//! PostgreSQL is backed up with its own tools (`pg_dump`, or base backups with WAL archiving for
//! point-in-time recovery): `docs/operations.md` gives the recipe.
use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// Why a backup was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the backup file {0} exists already; name a new file (a backup never overwrites one)")]
    Exists(PathBuf),
    #[error(
        "PostgreSQL is backed up with pg_dump (or base backups with WAL archiving): see docs/operations.md, Backups"
    )]
    Postgres,
    #[error("the database is in memory: there is nothing on disk to back up")]
    InMemory,
    #[error("writing the backup failed: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("the backup at {path} failed its integrity check: {problem}")]
    Damaged { path: PathBuf, problem: String },
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Writes a consistent copy of the SQLite database `db` (opened from `url`) to `to`, a file that
/// must not exist yet, and checks it.
pub async fn backup_sqlite(db: &DatabaseConnection, url: &str, to: &Path) -> Result<Backup, BackupError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::Postgres);
    }
    if super::sqlite_file(url).is_none() {
        return Err(BackupError::InMemory);
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| sea_orm::DbErr::Custom(format!("creating {}: {e}", dir.display())))?;
    }
    let target = to.to_string_lossy().into_owned();
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [target.into()])).await?;
    // The copy, opened on its own: read-only (a damaged file is never "repaired" into another
    // one, and no journal mode is set on it), and checked page by page.
    let found = integrity_of(to).await.map_err(|e| sea_orm::DbErr::Custom(format!("reading the backup: {e}")))?;
    if found != ["ok"] {
        return Err(BackupError::Damaged { path: to.to_owned(), problem: found.join("; ") });
    }
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    Ok(Backup { path: to.to_owned(), bytes })
}

/// What `PRAGMA integrity_check` says of the SQLite file at `path` (`["ok"]` when sound).
pub async fn integrity_of(path: &Path) -> Result<Vec<String>, sea_orm::sqlx::Error> {
    use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
    let found = sea_orm::sqlx::query_scalar::<_, String>("PRAGMA integrity_check").fetch_all(&pool).await;
    pool.close().await;
    found
}
