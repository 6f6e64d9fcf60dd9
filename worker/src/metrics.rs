//! The worker's gauges: its pool, the queue's depth and the orders overdue, sampled every
//! `process::metrics::SAMPLE_EVERY` for the endpoint `process::metrics::install` serves.
use domain::OrderFacade;
use domain::metrics as series;
use process::metrics::SAMPLE_EVERY;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use queue::{QueueKind, QueueSettings, connect_redis, queue_name};

/// The worker's own series: the expiry queue it consumes.
pub const QUEUE_DEPTH: &str = "shop_expiry_queue_depth";

/// The HELP lines of the worker's series and of the domain's (call once, after the exporter is
/// installed).
pub fn describe() {
    series::describe();
    metrics::describe_gauge!(QUEUE_DEPTH, "Expiry jobs waiting in the queue (scheduled or ready).");
}

/// Samples the worker's gauges every [`SAMPLE_EVERY`] until `stop` resolves. A failed read leaves
/// the gauge at its last value and is logged at debug level (the sweep logs database trouble).
pub async fn sample_worker_gauges(
    facade: OrderFacade,
    queue: QueueSettings,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut depth = QueueDepth::new(queue);
    let mut ticker = tokio::time::interval(SAMPLE_EVERY);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticker.tick() => {}
        }
        series::record_pool(facade.db());
        match facade.orders().overdue_orders().await {
            Ok(n) => series::record_overdue(n),
            Err(e) => tracing::debug!(error = %e, "could not count overdue orders"),
        }
        match depth.read().await {
            Ok(n) => metrics::gauge!(QUEUE_DEPTH).set(n as f64),
            Err(e) => tracing::debug!(error = %e, "could not read the queue's depth"),
        }
    }
}

/// Jobs waiting in the expiry queue: scheduled for later or ready to run.
struct QueueDepth {
    settings: QueueSettings,
    redis: Option<apalis_redis::ConnectionManager>,
    embedded: Option<DatabaseConnection>,
}

impl QueueDepth {
    fn new(settings: QueueSettings) -> Self {
        Self { settings, redis: None, embedded: None }
    }

    async fn read(&mut self) -> Result<u64, String> {
        match &self.settings.kind {
            QueueKind::Redis { url, namespace } => {
                if self.redis.is_none() {
                    self.redis = Some(connect_redis(url).await.map_err(|e| e.to_string())?);
                }
                let Some(conn) = self.redis.as_mut() else { return Ok(0) };
                let keys = apalis_redis::Config::default().queue(queue_name(namespace));
                let (scheduled, ready): (u64, u64) = redis::pipe()
                    .zcard(keys.scheduled_jobs_set())
                    .llen(keys.active_jobs_list())
                    .query_async(conn)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(scheduled + ready)
            }
            QueueKind::Embedded { path } => {
                if self.embedded.is_none() {
                    let url = format!("sqlite://{}?mode=ro", path.display());
                    self.embedded = Some(domain::db::connect(&url, 1).await.map_err(|e| e.to_string())?);
                }
                let Some(db) = &self.embedded else { return Ok(0) };
                let row = db
                    .query_one_raw(Statement::from_string(
                        db.get_database_backend(),
                        "SELECT COUNT(*) AS n FROM Jobs WHERE job_type = 'expire-order' AND status IN ('Pending', 'Queued')",
                    ))
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0).max(0) as u64)
            }
        }
    }
}
