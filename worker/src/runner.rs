//! The worker process's work: an apalis `Monitor` consuming `ExpireOrder` jobs, beside the
//! periodic sweep. Stops gracefully: jobs in flight and a sweep in progress finish first.
use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BackendExt, Monitor, WorkerBuilder, WorkerBuilderExt};
use apalis_core::backend::Vacuum;
use domain::OrderFacade;
use futures::FutureExt;

use crate::counters::Counters;
use crate::expire_job;
use crate::sweeper::run_sweeper;
use queue::{QueueKind, QueueSettings, connect_redis, open_embedded, redis_storage};

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub queue: QueueSettings,
    /// Jobs handled at once by this process.
    pub concurrency: usize,
    pub sweep_interval: Duration,
    /// How often an idle consumer looks for due jobs.
    pub poll_interval: Duration,
}

/// A name no other process (nor an earlier start of this one) has used: a reused name cannot
/// register again within the heartbeat window, and that worker would be silently dead.
pub fn unique_worker_name() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("expire-order-{}-{nanos:x}", std::process::id())
}

/// Runs the consumer and the sweep until `stop` resolves.
pub async fn run(
    facade: OrderFacade,
    settings: WorkerSettings,
    counters: Arc<Counters>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let stop = stop.shared();
    let sweeper = tokio::spawn(run_sweeper(facade.clone(), settings.sweep_interval, counters.clone(), stop.clone()));
    let consumer = consume(facade, &settings, counters, stop.clone()).await;
    sweeper.await?;
    consumer
}

async fn consume(
    facade: OrderFacade,
    settings: &WorkerSettings,
    counters: Arc<Counters>,
    stop: futures::future::Shared<impl std::future::Future<Output = ()> + Send + 'static>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let concurrency = settings.concurrency.max(1);
    let poll = settings.poll_interval;
    // A dead consumer must not look healthy: log each failure and restart it.
    let restart = |worker: &apalis::prelude::WorkerContext, error: &apalis::prelude::WorkerError| {
        tracing::error!(worker = worker.name(), %error, "expiry consumer failed; restarting it");
        true
    };
    let signal = stop.clone().map(|()| Ok(()));
    // The same consumer over either storage. A macro, because the storages share no type that
    // apalis' `register` bounds could be written against in a readable way.
    macro_rules! consume_from {
        ($storage:expr) => {{
            let storage = $storage;
            tokio::spawn(vacuum_finished_jobs(storage.clone(), stop.clone()));
            Monitor::new()
                .register(move |_run| {
                    WorkerBuilder::new(unique_worker_name())
                        .backend(storage.clone().poll_with_interval(poll))
                        .concurrency(concurrency)
                        .data(facade.clone())
                        .data(counters.clone())
                        .build(expire_job::handle)
                })
                .should_restart(restart)
                .run_with_signal(signal)
                .await?
        }};
    }
    match &settings.queue.kind {
        QueueKind::Redis { url, namespace } => {
            let conn = loop {
                match connect_redis(url).await {
                    Ok(conn) => break conn,
                    Err(e) => {
                        // Redis down at start: the sweep keeps expiring orders meanwhile.
                        tracing::warn!(error = %e, "redis unreachable; retrying in 2 s");
                        tokio::select! {
                            () = stop.clone() => return Ok(()),
                            () = tokio::time::sleep(Duration::from_secs(2)) => {}
                        }
                    }
                }
            };
            consume_from!(redis_storage(conn, &settings.queue, namespace));
        }
        QueueKind::Embedded { path } => consume_from!(open_embedded(path, &settings.queue).await?),
    }
    Ok(())
}

/// Finished jobs stay in the queue's store (apalis never trims them): drop those finished more
/// than an hour ago, every ten minutes. Never `vacuum()`, which also deletes jobs awaiting retry.
async fn vacuum_finished_jobs<B>(mut storage: B, stop: impl std::future::Future<Output = ()>)
where
    B: Vacuum,
    B::Error: std::fmt::Display,
{
    const EVERY: Duration = Duration::from_secs(600);
    const KEEP: Duration = Duration::from_secs(3600);
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticker.tick() => {}
        }
        match storage.vacuum_before(KEEP).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "vacuumed finished expiry jobs"),
            Err(e) => tracing::warn!(error = %e, "could not vacuum finished expiry jobs"),
        }
    }
}
