//! The periodic sweep: the safety net for jobs that were never enqueued (Redis down) or lost.
use std::sync::Arc;
use std::time::Duration;

use domain::OrderFacade;
use domain::orders::{Reconciled, SWEEP_BATCH};

use crate::counters::Counters;

/// Unsettled payment attempts finished per sweep at most (each asks the gateway once).
pub const PAYMENT_RECONCILE_BATCH: u64 = 100;

/// Expired sessions (and, as many again, old sign-in failure counts) deleted per sweep at most.
pub const SESSION_PURGE_BATCH: u64 = 1_000;

/// Sweeps every `interval` until `stop` resolves; a sweep in progress finishes first.
pub async fn run_sweeper(
    facade: OrderFacade,
    interval: Duration,
    counters: Arc<Counters>,
    stop: impl std::future::Future<Output = ()>,
) {
    let name = sweeper_name();
    // The first sweep comes one interval after start, like every later one.
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticker.tick() => {}
        }
        // Payments first: an order charged by a process that then died is paid while its
        // deadline allows, before the expiry below would cancel it (and the charge be refunded).
        match facade.orders().reconcile_payments(PAYMENT_RECONCILE_BATCH).await {
            Ok(done) if done == Reconciled::default() => {}
            Ok(done) => tracing::warn!(?done, "reconciled payments left unsettled"),
            Err(e) => tracing::error!(error = %e, "payment reconciliation failed; retrying at the next interval"),
        }
        match facade.orders().expire_all_due(SWEEP_BATCH).await {
            Ok(n) => {
                if n == 0 {
                    tracing::debug!("sweep: nothing due");
                } else {
                    let total = Counters::add(&counters.expired_by_sweep, n);
                    tracing::info!(expired = n, expired_total = total, "sweep expired orders");
                }
                // For the admin dashboard; a failure here must not stop the sweeping.
                if let Err(e) = facade.operations().record_sweep(&name, n).await {
                    tracing::warn!(error = %e, "could not record the sweep");
                }
                // Housekeeping rides on the sweep: expired sessions, a bounded batch each time.
                match facade.operations().purge_expired_sessions(SESSION_PURGE_BATCH).await {
                    Ok(0) => {}
                    Ok(purged) => tracing::info!(purged, "expired sessions deleted"),
                    Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
                }
                if let Err(e) = facade.operations().purge_sign_in_failures(SESSION_PURGE_BATCH).await {
                    tracing::warn!(error = %e, "could not delete old sign-in failure counts");
                }
            }
            Err(e) => {
                // The database may be restarting: log, count, and try again at the next tick.
                Counters::add(&counters.sweep_failures, 1);
                tracing::error!(error = %e, "sweep failed; retrying at the next interval");
            }
        }
    }
}

/// How this process appears on the dashboard: host and process id.
fn sweeper_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{host} pid {}", std::process::id())
}
