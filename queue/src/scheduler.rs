//! The producer side: the server's `ExpiryScheduler`, which enqueues each order's expiry job at
//! its deadline on Redis or on the embedded queue.
use std::time::{Duration, SystemTime};

use apalis::prelude::{TaskBuilder, TaskSink};
use apalis_redis::RedisStorage;
use apalis_sqlite::SqlitePool;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::expiry_hook::{ExpiryScheduler, ScheduleOutcome};
use tokio::sync::OnceCell;

use crate::job::ExpireOrder;
use crate::settings::{QueueKind, QueueSettings};
use crate::storage::{EMBEDDED_QUEUE, connect_redis, open_embedded_pool, redis_storage, task_id};

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
