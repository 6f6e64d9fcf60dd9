//! The background worker: expires unpaid orders past their deadline. Until the apalis queue lands
//! it runs the periodic sweep (`domain::OrderFacade::expire_due`), which is also the queue's safety
//! net afterwards.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use domain::OrderFacade;

/// Orders taken per sweep transaction round; the sweep repeats until a round finds fewer.
pub const SWEEP_BATCH: u64 = 200;

#[derive(Debug, Default)]
pub struct Counters {
    pub expired_by_sweep: AtomicU64,
    pub sweep_failures: AtomicU64,
}

/// Expires every due order now, in bounded batches. Returns how many were expired.
pub async fn sweep_once(facade: &OrderFacade, batch: u64) -> Result<u64, domain::DomainError> {
    let mut total = 0;
    loop {
        let n = facade.expire_due(facade.now(), batch).await?;
        total += n;
        if n < batch {
            return Ok(total);
        }
    }
}

/// Sweeps every `interval` until `stop` resolves; a sweep in progress finishes first.
pub async fn run_sweeper(
    facade: OrderFacade,
    interval: Duration,
    counters: Arc<Counters>,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticker.tick() => {}
        }
        match sweep_once(&facade, SWEEP_BATCH).await {
            Ok(0) => tracing::debug!("sweep: nothing due"),
            Ok(n) => {
                let total = counters.expired_by_sweep.fetch_add(n, Ordering::Relaxed) + n;
                tracing::info!(expired = n, expired_total = total, "sweep expired orders");
            }
            Err(e) => {
                // The database may be restarting: log, count, and try again next tick.
                counters.sweep_failures.fetch_add(1, Ordering::Relaxed);
                tracing::error!(error = %e, "sweep failed; retrying at the next interval");
            }
        }
    }
}
