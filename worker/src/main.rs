//! `worker`: runs the expiry sweep. `worker check` prints any broken invariant and exits non-zero.
use std::sync::Arc;
use std::time::Duration;

use domain::OrderFacade;
use domain::config::ShopConfig;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
    let config = ShopConfig::from_env()?;
    let db = domain::db::connect(&config.database_url, config.db_max_connections.min(8)).await?;
    // The server migrates; the worker waits for the schema instead of racing it.
    migration::wait_until_current(&db, Duration::from_secs(300)).await?;

    if std::env::args().nth(1).as_deref() == Some("check") {
        let violations = domain::invariants::check(&db).await?;
        for v in &violations {
            println!("VIOLATION: {v}");
        }
        println!("{} invariant violations", violations.len());
        std::process::exit(i32::from(!violations.is_empty()));
    }

    let facade = OrderFacade::new(db, config.payment_ttl);
    let counters = Arc::new(worker::Counters::default());
    tracing::info!(?config, "worker started: sweeping every {:?}", config.sweep_interval);
    worker::run_sweeper(facade, config.sweep_interval, counters.clone(), shutdown_signal()).await;
    tracing::info!(
        expired_by_sweep = counters.expired_by_sweep.load(std::sync::atomic::Ordering::Relaxed),
        sweep_failures = counters.sweep_failures.load(std::sync::atomic::Ordering::Relaxed),
        "worker stopped"
    );
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
