//! The queue's two storages as apalis opens them: Redis (a connection that tolerates slow
//! answers) and the embedded SQLite file (created and migrated once, by one process at a time).
use std::time::Duration;

use apalis::prelude::TaskId;
use apalis_redis::{ConnectionManager, RedisStorage};
use apalis_sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteStorage};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};

use crate::job::ExpireOrder;
use crate::settings::{QueueSettings, queue_name};

/// On Redis, one job per order: a second push of the same order is the same task.
pub fn task_id(order_id: i64) -> TaskId {
    TaskId::from_string(format!("expire-order-{order_id}"))
}

/// A Redis connection whose reads may take a few seconds: the default 500 ms response timeout
/// kills idle worker pools (apalis-redis issue 76).
pub async fn connect_redis(url: &str) -> Result<ConnectionManager, redis::RedisError> {
    let client = apalis_redis::Client::open(url)?;
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_response_timeout(Some(Duration::from_secs(5)))
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_number_of_retries(2);
    client.get_connection_manager_with_config(config).await
}

pub fn redis_storage(conn: ConnectionManager, settings: &QueueSettings, namespace: &str) -> RedisStorage<ExpireOrder> {
    let config = apalis_redis::Config::default()
        .queue(queue_name(namespace))
        .heartbeat_interval(settings.heartbeat)
        .missed_heartbeats(settings.missed_heartbeats);
    RedisStorage::new(conn).with_config(config)
}

/// The embedded queue's own SQLite file, apart from the shop's data. apalis-sqlite's setup sets
/// `synchronous=OFF`, but a pragma holds for one connection only: the working pool's connections
/// set their own, WAL with `synchronous=NORMAL` (the shop's own file runs FULL). sqlx's default, FULL,
/// made every push of a placing batch wait for an fsync of `jobs.db-wal` (one per batch, seen
/// with strace in the flash sale); NORMAL survives a crash of the process, and an expiry job lost
/// to a power cut is the sweep's to do, as when the queue is unreachable.
pub async fn open_embedded(
    path: &std::path::Path,
    settings: &QueueSettings,
) -> Result<SqliteStorage<ExpireOrder>, Box<dyn std::error::Error + Send + Sync>> {
    let pool = open_embedded_pool(path).await?;
    let config = apalis_sqlite::Config::default()
        .queue(EMBEDDED_QUEUE)
        .heartbeat_interval(settings.heartbeat)
        .missed_heartbeats(settings.missed_heartbeats);
    Ok(SqliteStorage::new(&pool).with_config(config))
}

/// The embedded queue's name (apalis-sqlite's `job_type`).
pub const EMBEDDED_QUEUE: &str = "expire-order";

/// The embedded queue's file, created and migrated if new, and a pool on it.
pub async fn open_embedded_pool(
    path: &std::path::Path,
) -> Result<SqlitePool, Box<dyn std::error::Error + Send + Sync>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .busy_timeout(Duration::from_secs(10))
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    // Server and worker both open the queue at start. On a new file, the first connection's
    // switch to WAL fails at once with "database is locked" when another process does the same
    // (SQLite's busy timeout does not cover it), and two migrators collide on their bookkeeping
    // table: one process at a time creates and migrates the file, the others wait for its lock.
    let setup_lock = domain::db::lock_file(format!("{}.setup-lock", path.display()).into()).await?;
    let setup_pool: SqlitePool = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
    let setup = SqliteStorage::setup(&setup_pool).await;
    setup_pool.close().await;
    drop(setup_lock);
    setup?;
    // The working pool starts after the schema is complete: statements prepared against an older
    // schema make sqlx panic reading rows.
    // Not pinged when taken out (a file does not drop connections; sqlx pings each one as it comes
    // back): a ping is a hand-off to the connection's thread and back.
    Ok(SqlitePoolOptions::new().max_connections(4).test_before_acquire(false).connect_with(options).await?)
}
