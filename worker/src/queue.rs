//! The expiry queue: apalis on Redis (`REDIS_URL` set) or on an embedded SQLite file beside the
//! shop's database (the default, so `make run` needs no service). One job type, two storages.
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use apalis::prelude::{TaskBuilder, TaskId, TaskSink};
use apalis_redis::{ConnectionManager, RedisStorage};
use apalis_sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteStorage};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::config::ShopConfig;
use domain::expiry_hook::{ExpiryScheduler, ScheduleOutcome};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use tokio::sync::OnceCell;

use crate::expire_job::ExpireOrder;

/// Where the jobs live.
#[derive(Debug, Clone)]
pub enum QueueKind {
    Redis { url: String, namespace: String },
    Embedded { path: PathBuf },
}

#[derive(Debug, Clone)]
pub struct QueueSettings {
    pub kind: QueueKind,
    /// How often a worker proves it is alive; a worker silent for `heartbeat * missed_heartbeats`
    /// is dead and its in-flight jobs are handed to another worker.
    pub heartbeat: Duration,
    pub missed_heartbeats: usize,
}

impl QueueSettings {
    /// `REDIS_URL` picks Redis (namespaced by `REDIS_QUEUE_PREFIX`, default `shop`); otherwise
    /// `jobs.db` beside the shop's SQLite file (or under `data/` when the shop is on PostgreSQL).
    pub fn from_env(shop: &ShopConfig) -> Self {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let kind = match &shop.redis_url {
            Some(url) => QueueKind::Redis {
                url: url.clone(),
                namespace: get("REDIS_QUEUE_PREFIX").unwrap_or_else(|| "shop".to_owned()),
            },
            None => QueueKind::Embedded { path: embedded_path(&shop.database_url) },
        };
        Self { kind, heartbeat: shop.expiry_heartbeat, missed_heartbeats: 3 }
    }

    /// A queue whose dead worker is noticed within 2 s (1 s heartbeats, 2 missed): tests use it
    /// so a handed-over job does not wait out the production heartbeat.
    pub fn with_fast_heartbeat(kind: QueueKind) -> Self {
        Self { kind, heartbeat: Duration::from_secs(1), missed_heartbeats: 2 }
    }

    pub fn describe(&self) -> String {
        match &self.kind {
            QueueKind::Redis { namespace, .. } => format!("redis (queue {})", queue_name(namespace)),
            QueueKind::Embedded { path } => format!("embedded ({})", path.display()),
        }
    }
}

fn embedded_path(database_url: &str) -> PathBuf {
    match domain::db::sqlite_file(database_url).and_then(|f| std::path::Path::new(f).parent()) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("jobs.db"),
        _ => PathBuf::from("data/jobs.db"),
    }
}

pub fn queue_name(namespace: &str) -> String {
    format!("{namespace}:expire-order")
}

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
/// set their own, WAL with `synchronous=NORMAL` as the shop's file has. sqlx's default, FULL,
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
pub(crate) const EMBEDDED_QUEUE: &str = "expire-order";

/// The embedded queue's file, created and migrated if new, and a pool on it.
pub(crate) async fn open_embedded_pool(
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

/// Schedules `ExpireOrder` at the deadline, after the placing transaction committed. Connects to
/// Redis on first use and again after a failure, so a server started while Redis is down still
/// takes orders (their expiry falls to the sweep, and the timeline says so).
pub struct QueueScheduler {
    settings: QueueSettings,
    /// Enqueues that failed since start (each also logged and written to the order's timeline).
    pub enqueue_failures: std::sync::atomic::AtomicU64,
    redis: OnceCell<RedisStorage<ExpireOrder>>,
    /// The placing side only pushes, in one statement (`embedded_push`).
    embedded: OnceCell<SqlitePool>,
}

/// How long placing may wait for the queue before recording the enqueue as failed.
const PUSH_TIMEOUT: Duration = Duration::from_secs(3);

impl QueueScheduler {
    pub fn new(settings: QueueSettings) -> Self {
        Self { settings, enqueue_failures: Default::default(), redis: OnceCell::new(), embedded: OnceCell::new() }
    }

    /// Schedules one order's expiry job; returns its job id.
    pub async fn schedule(&self, order_id: i64, run_at: DateTime<Utc>) -> Result<String, String> {
        Ok(self.schedule_all(&[(order_id, run_at)]).await?.remove(0))
    }

    /// Schedules the expiry jobs of orders placed together in one push (Redis: one script call;
    /// embedded: one statement); returns their job ids, in the order given.
    pub async fn schedule_all(&self, orders: &[(i64, DateTime<Utc>)]) -> Result<Vec<String>, String> {
        let push = async {
            match &self.settings.kind {
                QueueKind::Redis { url, namespace } => {
                    let tasks: Vec<_> = orders
                        .iter()
                        .map(|&(order_id, run_at)| {
                            TaskBuilder::new(ExpireOrder { order_id })
                                .run_at_time(SystemTime::from(run_at))
                                .task_id(task_id(order_id))
                                .build()
                        })
                        .collect();
                    let storage = self
                        .redis
                        .get_or_try_init(|| async {
                            connect_redis(url).await.map(|conn| redis_storage(conn, &self.settings, namespace))
                        })
                        .await
                        .map_err(|e| format!("redis unreachable: {e}"))?;
                    storage
                        .clone()
                        .push_all(futures::stream::iter(tasks))
                        .await
                        .map_err(|e| format!("redis push failed: {e}"))
                }
                QueueKind::Embedded { path } => {
                    let pool = self
                        .embedded
                        .get_or_try_init(|| open_embedded_pool(path))
                        .await
                        .map_err(|e| format!("embedded queue unavailable: {e}"))?;
                    crate::embedded_push::push_all(pool, EMBEDDED_QUEUE, orders)
                        .await
                        .map_err(|e| format!("embedded queue push failed: {e}"))
                }
            }
        };
        match tokio::time::timeout(PUSH_TIMEOUT, push).await {
            Ok(Ok(())) => Ok(orders.iter().map(|(id, _)| format!("expire-order-{id}")).collect()),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(format!("queue did not answer within {PUSH_TIMEOUT:?}")),
        }
    }
}

#[async_trait]
impl ExpiryScheduler for QueueScheduler {
    async fn orders_placed(&self, orders: &[(i64, DateTime<Utc>)]) -> Vec<ScheduleOutcome> {
        match self.schedule_all(orders).await {
            Ok(job_ids) => orders
                .iter()
                .zip(job_ids)
                .map(|(&(_, expires_at), job_id)| ScheduleOutcome::Scheduled { run_at: expires_at, job_id })
                .collect(),
            Err(reason) => {
                let n = orders.len() as u64;
                self.enqueue_failures.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                vec![ScheduleOutcome::Failed { reason }; orders.len()]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_queue_lives_beside_the_shop_database() {
        assert_eq!(embedded_path("sqlite://data/shop.db?mode=rwc"), PathBuf::from("data/jobs.db"));
        assert_eq!(embedded_path("sqlite:///tmp/x/shop.db"), PathBuf::from("/tmp/x/jobs.db"));
        assert_eq!(embedded_path("postgres://db/shop"), PathBuf::from("data/jobs.db"));
    }
}
