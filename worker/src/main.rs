//! `worker`: expires unpaid orders (queue consumer + periodic sweep).
//! `worker check` prints any broken invariant of `docs/domain.md` and exits non-zero (read-only).
//! `worker backup PATH` writes a checked, consistent copy of the embedded SQLite database to PATH
//! while the shop serves (PostgreSQL: pg_dump, `docs/operations.md`).
use std::sync::Arc;
use std::time::Duration;

use domain::OrderFacade;
use domain::settings::Settings;
use queue::QueueSettings;
use tracing_subscriber::EnvFilter;
use worker::Counters;
use worker::runner::WorkerSettings;

/// The same allocator as the server (see there).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A failed start is one readable line (what and why) and exit status 1, not a debug dump.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    process::allocator::tune();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("worker: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Settings::from_env()?;
    let db = domain::db::connect_when_ready(
        &config.database.url,
        config.database.max_connections.min(8),
        config.database.wait,
    )
    .await?;
    // The server migrates; the worker waits for the schema instead of racing it.
    migration::wait_until_current(&db, Duration::from_secs(300)).await?;

    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, path] = args.as_slice()
        && command == "backup"
    {
        // A consistent copy of the embedded database while the shop serves (docs/operations.md).
        let made = domain::db::backup_sqlite(&db, &config.database.url, std::path::Path::new(path)).await?;
        println!("backup written to {} ({} bytes), integrity check ok", made.path.display(), made.bytes);
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("backup") {
        return Err("usage: worker backup PATH (a new file)".into());
    }
    if args.first().map(String::as_str) == Some("check") {
        let violations = domain::invariants::check(&db).await?;
        for v in &violations {
            println!("VIOLATION: {v}");
        }
        println!("{} invariant violations", violations.len());
        std::process::exit(i32::from(!violations.is_empty()));
    }

    if let Some(addr) = config.worker.metrics_addr {
        process::metrics::install(addr, domain::metrics::HISTOGRAMS)?;
        worker::metrics::describe();
        tracing::info!(%addr, "metrics served at /metrics");
    }
    let concurrency = config.queue.worker_concurrency;
    let settings = WorkerSettings {
        queue: QueueSettings::of(&config),
        concurrency,
        sweep_interval: config.queue.sweep_interval,
        poll_interval: Duration::from_secs(1),
    };
    tracing::info!(
        queue = settings.queue.describe(),
        concurrency,
        "worker started: sweeping every {:?}",
        config.queue.sweep_interval
    );
    let facade =
        OrderFacade::new(db, config.orders.payment_ttl).with_reconcile_after(config.orders.payment_reconcile_after);
    let counters = Arc::new(Counters::default());
    if config.worker.metrics_addr.is_some() {
        // Only sampled when someone can read them; it ends with the process.
        let gauges =
            worker::metrics::sample_worker_gauges(facade.clone(), settings.queue.clone(), std::future::pending());
        tokio::spawn(gauges);
    }
    let result = worker::runner::run(facade, settings, counters.clone(), process::shutdown_signal()).await;
    tracing::info!(
        expired_by_job = Counters::get(&counters.expired_by_job),
        expired_by_sweep = Counters::get(&counters.expired_by_sweep),
        job_failures = Counters::get(&counters.job_failures),
        sweep_failures = Counters::get(&counters.sweep_failures),
        "worker stopped"
    );
    result
}
