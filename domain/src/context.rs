//! What every service of the facade shares: the connections, the clock, the payment gateway, the
//! expiry queue and the deadlines. The facade (`facade.rs`) holds one and lends it to the service
//! it hands out; the services reach each other's rules through their modules, never through the
//! facade, so no service depends on the facade that serves it.
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::clock::Clock;
use crate::expiry_hook::ExpiryScheduler;
use crate::payment::PaymentGateway;
use crate::rate_limits::KeyedLimit;
use crate::types::UserId;

#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) db: DatabaseConnection,
    /// What this process writes through (`crate::db::writer_for`): on SQLite one connection of its
    /// own, for which the process's writers queue in turn; on PostgreSQL the pool.
    pub(crate) writer: DatabaseConnection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) gateway: Arc<dyn PaymentGateway>,
    pub(crate) scheduler: Arc<dyn ExpiryScheduler>,
    pub(crate) payment_ttl: chrono::Duration,
    /// How old an unsettled payment attempt must be before the reconciler finishes it: longer
    /// than any pay request can still be running (requests time out after 30 s).
    pub(crate) reconcile_after: chrono::Duration,
    /// Orders one account may place per minute (off unless the facade is given a quota).
    pub(crate) placing_per_account: Arc<KeyedLimit<UserId>>,
}

impl Ctx {
    /// Begins a write transaction on this process's writer (on SQLite, waiting for its turn).
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
        crate::db::begin_write(&self.writer).await
    }
}
