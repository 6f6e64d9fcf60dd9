//! The `ExpireOrder` job: one order, run at its deadline. Idempotent: the domain's conditional
//! update makes a duplicate, late or concurrent run a no-op.
use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BoxDynError, Data};
use domain::OrderFacade;
pub use queue::ExpireOrder;

use crate::counters::Counters;

/// A job that arrives this much before the deadline (clock skew between the placing server and
/// this worker; run times have 1 s resolution) waits for it instead of leaving the order to the
/// sweep.
const MAX_EARLY_WAIT: Duration = Duration::from_secs(30);
const DB_ATTEMPTS: u32 = 5;

pub async fn handle(
    job: ExpireOrder,
    facade: Data<OrderFacade>,
    counters: Data<Arc<Counters>>,
) -> Result<(), BoxDynError> {
    let result = expire_with_retries(&facade, job.order_id).await;
    Counters::add(&counters.jobs_handled, 1);
    match result {
        Ok(true) => {
            Counters::add(&counters.expired_by_job, 1);
            tracing::info!(order_id = job.order_id, "order expired by its job");
            Ok(())
        }
        // Paid, cancelled or missing: nothing to do, and the job is done.
        Ok(false) => Ok(()),
        Err(e) => {
            Counters::add(&counters.job_failures, 1);
            tracing::error!(order_id = job.order_id, error = %e, "expiry job failed; the queue retries it");
            Err(e.into())
        }
    }
}

async fn expire_with_retries(facade: &OrderFacade, order_id: i64) -> Result<bool, domain::DomainError> {
    let mut attempt = 0;
    loop {
        match expire_when_due(facade, order_id).await {
            Err(e) if e.is_transient() && attempt + 1 < DB_ATTEMPTS => {
                // The database is down, restarting or busy: back off 0.2, 0.4, 0.8, 1.6 s. Other
                // failures would fail the same way again: they end this run at once.
                tracing::warn!(order_id, error = %e, attempt, "database error while expiring; backing off");
                tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

async fn expire_when_due(facade: &OrderFacade, order_id: i64) -> Result<bool, domain::DomainError> {
    if facade.orders().expire(order_id).await? {
        return Ok(true);
    }
    let Some(deadline) = facade.orders().pending_deadline(order_id).await? else {
        return Ok(false);
    };
    let early = (deadline - facade.now()).to_std().unwrap_or_default();
    if early > MAX_EARLY_WAIT {
        tracing::warn!(order_id, ?early, "expiry job ran far ahead of the deadline; the sweep will expire the order");
        return Ok(false);
    }
    tokio::time::sleep(early + Duration::from_millis(5)).await;
    facade.orders().expire(order_id).await
}
