//! "Order placed, schedule its expiry": called after the placing transaction committed. The server
//! plugs the apalis queue in here (`queue::QueueScheduler`); a facade without one (tests,
//! tools) leaves expiry to the worker's sweep.
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// What became of scheduling, written to the order's timeline by the facade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleOutcome {
    /// The job will run at this time (event `expiry_scheduled`).
    Scheduled { run_at: DateTime<Utc>, job_id: String },
    /// The queue could not be reached (event `expiry_enqueue_failed`); the sweep will expire it.
    Failed { reason: String },
    /// No queue is configured: nothing recorded, the sweep expires the order.
    NotScheduled,
}

#[async_trait]
pub trait ExpiryScheduler: Send + Sync + 'static {
    /// Schedules the expiry of orders placed together (one transaction): one push to the queue
    /// for all of them. One outcome per order, in the order given.
    async fn orders_placed(&self, orders: &[(i64, DateTime<Utc>)]) -> Vec<ScheduleOutcome>;

    async fn order_placed(&self, order_id: i64, expires_at: DateTime<Utc>) -> ScheduleOutcome {
        let mut outcomes = self.orders_placed(&[(order_id, expires_at)]).await;
        outcomes.pop().unwrap_or(ScheduleOutcome::NotScheduled)
    }
}

/// Logs and relies on the sweep.
#[derive(Debug, Default, Clone, Copy)]
pub struct SweepOnlyScheduler;

#[async_trait]
impl ExpiryScheduler for SweepOnlyScheduler {
    async fn orders_placed(&self, orders: &[(i64, DateTime<Utc>)]) -> Vec<ScheduleOutcome> {
        tracing::debug!(orders = orders.len(), "no expiry queue configured; the sweep will expire these orders");
        vec![ScheduleOutcome::NotScheduled; orders.len()]
    }
}
