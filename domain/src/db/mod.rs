//! Connecting to SQLite (embedded default) or PostgreSQL, and beginning write transactions the
//! same way on both.

mod backup;
pub(crate) mod batch_sql;

pub use backup::{Backup, BackupError, backup_sqlite, integrity_of};

use std::time::Duration;

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// The embedded default: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/shop.db?mode=rwc";

/// Opens a pool. SQLite gets WAL, `synchronous=FULL`, a busy timeout, foreign keys and
/// in-memory temporary files; its file's directory is created when missing.
///
/// `synchronous=FULL`: in WAL mode every commit waits for the WAL to reach the disk, so an order
/// or a payment the shop has acknowledged survives a power cut or an OS crash. `NORMAL` (what
/// SQLite suggests for WAL) may lose the last commits then - an order the shopper was told was
/// placed, or a payment taken with no trace left for the reconciler. Placing commits a batch of
/// orders at once, so the cost is one `fsync` per batch, not per order (`BENCHMARKS.md`).
///
/// sqlx pings every connection as it goes back to the pool, and by default again as it is taken
/// out. PostgreSQL keeps the second ping (a restart may have cut an idle connection; pinged, it is
/// replaced before a request meets it). SQLite drops it: a file does not cut connections, and on
/// SQLite every ping is a hand-off to the connection's own thread and back - one per checkout was
/// about a tenth of the server's time per order in the SQLite sale.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        opts.test_before_acquire(false);
        let dir = sqlite_file(url).and_then(|f| std::path::Path::new(f).parent()).filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("creating {}: {e}", dir.display())))?;
        }
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                .create_if_missing(true)
                // A multi-row insert inside a transaction keeps a statement journal; past 64 KiB
                // it spilled into a temporary file opened, written and closed per placing batch.
                .pragma("temp_store", "memory")
        });
    }
    if url.starts_with("postgres") {
        // A placing batch's statements differ with its size (`IN` lists, multi-row inserts), so a
        // spread of orders makes many distinct statements; past sqlx's 100 per connection each
        // miss costs a prepare round trip. 1,000 kept about 5 % of the server's CPU per order in
        // the spread (PostgreSQL keeps the prepared statements, a few KiB each, per connection).
        opts.map_sqlx_postgres_opts(|o| o.statement_cache_capacity(POSTGRES_STATEMENT_CACHE));
    }
    Database::connect(opts).await
}

/// Prepared statements kept per PostgreSQL connection (sqlx's default is 100).
pub const POSTGRES_STATEMENT_CACHE: usize = 1_000;

/// The file of a SQLite URL (`sqlite://data/shop.db?mode=rwc` -> `data/shop.db`); `None` for other
/// databases and in-memory SQLite (`sqlite::memory:`, or a name with `mode=memory`).
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let in_memory = path == ":memory:" || query.split('&').any(|pair| pair == "mode=memory");
    (!path.is_empty() && !in_memory).then_some(path)
}

/// How long a write may wait for the process's SQLite writer connection; as long as SQLite's own
/// busy timeout, which other processes' writers wait on.
pub const SQLITE_WRITER_WAIT: Duration = Duration::from_secs(30);

/// The connection a process writes through. SQLite (a file): a pool of its own with one
/// connection, opened with the pool's own settings, so that the process's writers queue for it in
/// turn (none sleeps in SQLite's busy handler behind another of the same process) and it keeps its
/// page cache: in WAL mode a connection drops its whole cache whenever another connection has
/// written since its last transaction, so with writes spread over the pool every placing batch
/// re-read its pages (about 12 `pread` calls per order in the sale). PostgreSQL, and an in-memory
/// SQLite: the pool itself (a second pool could reach an in-memory database only through SQLite's
/// shared cache, whose table locks fail at once instead of waiting on the busy timeout).
pub fn writer_for(db: &DatabaseConnection) -> DatabaseConnection {
    use sea_orm::sqlx::ConnectOptions as _;
    if db.get_database_backend() != DbBackend::Sqlite {
        return db.clone();
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    // In memory: sqlx keeps that flag to itself. `sqlite::memory:` gets a name sqlx makes up
    // (`file:sqlx-in-memory-<n>`, which its own URL builder cannot turn back into a URL); a named
    // one (`sqlite://name?mode=memory`) says `mode=memory` in its options' URL.
    let unnamed = options.get_filename().to_string_lossy().starts_with("file:sqlx-in-memory-");
    if unnamed || options.to_url_lossy().query_pairs().any(|(key, value)| key == "mode" && value == "memory") {
        return db.clone();
    }
    let pool = sea_orm::sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .acquire_timeout(SQLITE_WRITER_WAIT)
        .test_before_acquire(false)
        // Kept open: a reopened connection starts with an empty cache.
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_lazy_with((*options).clone());
    sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
}

/// Begins a transaction that will write (callers pass the facade's writer, `writer_for`). On
/// SQLite it takes the write lock at BEGIN (IMMEDIATE), so writers of other processes queue on
/// the busy timeout instead of failing when a read lock upgrades.
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

/// Connects, waiting up to `wait` for a database that is not reachable yet (a PostgreSQL still
/// starting beside the shop, or restarting): one readable line per attempt, with backoff, then a
/// readable error.
pub async fn connect_when_ready(
    url: &str,
    max_connections: u32,
    wait: Duration,
) -> Result<DatabaseConnection, NotReachable> {
    let what = describe(url);
    let deadline = tokio::time::Instant::now() + wait;
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1_u32;
    loop {
        let tried = match reachable(url).await {
            Ok(()) => connect(url, max_connections).await.map_err(|e| e.to_string()),
            Err(why) => Err(why),
        };
        match tried {
            Ok(db) => return Ok(db),
            Err(why) if tokio::time::Instant::now() + delay < deadline => {
                tracing::warn!("waiting for {what}: {why} (attempt {attempt}, next in {delay:?})");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
                attempt += 1;
            }
            Err(why) => {
                return Err(NotReachable(format!("{what} was not reachable within {}s: {why}", wait.as_secs())));
            }
        }
    }
}

/// The database did not answer within the wait: what and why, in one line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotReachable(String);

/// "PostgreSQL at 127.0.0.1:5432", "SQLite at data/shop.db" - never the password.
pub fn describe(url: &str) -> String {
    match postgres_address(url) {
        Some((host, port)) => format!("PostgreSQL at {host}:{port}"),
        None => format!("SQLite at {}", sqlite_file(url).unwrap_or(":memory:")),
    }
}

fn postgres_address(url: &str) -> Option<(String, u16)> {
    use std::str::FromStr;
    if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
        return None;
    }
    let opts = sea_orm::sqlx::postgres::PgConnectOptions::from_str(url).ok()?;
    Some((opts.get_host().to_owned(), opts.get_port()))
}

/// A plain TCP connect first: "connection refused" says more than a pool's timeout.
async fn reachable(url: &str) -> Result<(), String> {
    let Some((host, port)) = postgres_address(url) else {
        return Ok(());
    };
    if host.starts_with('/') {
        return Ok(()); // a Unix socket: the connection itself will tell
    }
    match tokio::time::timeout(Duration::from_secs(3), tokio::net::TcpStream::connect((host.as_str(), port))).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.kind().to_string().replace('_', " ")),
        Err(_) => Err("no answer within 3 s".to_owned()),
    }
}

/// Waits for an exclusive lock on the file at `path` (created if missing). The lock lasts while
/// the returned file is open; the OS drops it with a process that dies holding it. For processes
/// that must take turns on a file of their own (the shop's start, the embedded queue's setup).
pub async fn lock_file(path: std::path::PathBuf) -> std::io::Result<std::fs::File> {
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        file.lock()?;
        Ok(file)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Runs `work` (migrating, seeding) while holding the database's start lock, so that processes
/// started at the same moment on a new database take turns: the first migrates, the others wait
/// and then find nothing left to do. PostgreSQL: a transaction-scoped advisory lock (as sqlx's
/// own migrator takes) held on one pooled connection while `work` uses the others, so the pool
/// needs at least two. SQLite: an exclusive lock on a file beside the database (in-memory
/// databases belong to one process and need none).
pub async fn with_start_lock<T, E, F, Fut>(db: &DatabaseConnection, url: &str, work: F) -> Result<T, E>
where
    E: From<DbErr>,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    use sea_orm::ConnectionTrait;
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let lock = db.begin().await?;
            // Any fixed 64-bit key of our own ("shop" + "start").
            lock.execute_unprepared("SELECT pg_advisory_xact_lock(7310302517116014)").await?;
            let out = work().await;
            lock.commit().await?;
            out
        }
        _ => {
            let Some(file) = sqlite_file(url) else {
                return work().await;
            };
            let held = lock_file(format!("{file}.start-lock").into())
                .await
                .map_err(|e| DbErr::Custom(format!("start lock beside {file}: {e}")))?;
            let out = work().await;
            drop(held); // closing the file releases the lock
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn a_sqlite_url_names_its_file_unless_it_is_in_memory() {
        assert_eq!(sqlite_file("sqlite://data/shop.db?mode=rwc"), Some("data/shop.db"));
        assert_eq!(sqlite_file("sqlite:shop.db"), Some("shop.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://scratch?mode=memory"), None);
        assert_eq!(sqlite_file("sqlite://scratch?cache=shared&mode=memory"), None);
        assert_eq!(sqlite_file("postgres://root@127.0.0.1/shop"), None);
    }
}
