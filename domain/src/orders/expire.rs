//! Expiring unpaid orders (`docs/domain.md`, Cancelling, expiring, refunding).
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Orders;
use crate::entities::order;
use crate::error::DomainResult;
use crate::status::{CancelReason, OrderStatus};

use super::release;

impl Orders<'_> {
    /// Expires one order if it is still pending and past its deadline. Returns whether this call
    /// expired it; a paid, cancelled, not yet due or missing order is a no-op (`false`).
    #[tracing::instrument(skip(self))]
    pub async fn expire(self, order_id: i64) -> DomainResult<bool> {
        self.expire_at(order_id, self.ctx.clock.now()).await
    }

    /// `expire` as seen at `now`.
    pub async fn expire_at(self, order_id: i64, now: DateTime<Utc>) -> DomainResult<bool> {
        let txn = self.ctx.begin_write().await?;
        let expired = expire_in(&txn, &[order_id], now).await?;
        txn.commit().await?;
        for o in &expired {
            tracing::info!(order_id, "order expired");
            crate::metrics::order_expired("job", now - o.expires_at);
        }
        Ok(!expired.is_empty())
    }

    /// The sweep: expires up to `batch` due orders, oldest deadline first, in one transaction.
    /// Returns how many this call expired; callers loop until it returns less than `batch`.
    ///
    /// On PostgreSQL the batch is taken `FOR UPDATE SKIP LOCKED`, so sweepers running at once
    /// (several workers) split the due orders instead of queueing on the same rows. SQLite has one
    /// writer at a time anyway (the transaction is `IMMEDIATE`).
    #[tracing::instrument(skip(self))]
    pub async fn expire_due(self, now: DateTime<Utc>, batch: u64) -> DomainResult<u64> {
        let txn = self.ctx.begin_write().await?;
        let due: Vec<i64> = order::Entity::find()
            .select_only()
            .column(order::Column::Id)
            .filter(order::Column::Status.eq(OrderStatus::PendingPayment))
            .filter(order::Column::ExpiresAt.lte(now))
            .order_by_asc(order::Column::ExpiresAt)
            .limit(batch)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .into_tuple()
            .all(&txn)
            .await?;
        // The rows are locked (PostgreSQL) or the database is (SQLite), so this changes all of them;
        // the update still checks each one is pending and due.
        let expired = expire_in(&txn, &due, now).await?;
        txn.commit().await?;
        for o in &expired {
            tracing::debug!(order_id = o.id, "order expired by the sweep");
            crate::metrics::order_expired("sweep", now - o.expires_at);
        }
        Ok(expired.len() as u64)
    }

    /// Expires every order due now, in transactions of at most `batch` orders, until a round
    /// finds fewer (the worker's sweep, and the admin API's "expire due orders"). Returns how many.
    pub async fn expire_all_due(self, batch: u64) -> DomainResult<u64> {
        let mut total = 0;
        loop {
            let n = self.expire_due(self.ctx.clock.now(), batch).await?;
            total += n;
            if n < batch {
                return Ok(total);
            }
        }
    }

    /// Orders still awaiting payment after their deadline (the worker's gauge: above zero for
    /// longer than a sweep interval means expiry is falling behind).
    pub async fn overdue_orders(self) -> DomainResult<u64> {
        use sea_orm::PaginatorTrait;
        Ok(order::Entity::find()
            .filter(order::Column::Status.eq(OrderStatus::PendingPayment))
            .filter(order::Column::ExpiresAt.lt(self.ctx.clock.now()))
            .count(&self.ctx.db)
            .await?)
    }

    /// The payment deadline of an order that is still pending (`None` otherwise).
    pub async fn pending_deadline(self, order_id: i64) -> DomainResult<Option<DateTime<Utc>>> {
        Ok(order::Entity::find_by_id(order_id)
            .filter(order::Column::Status.eq(OrderStatus::PendingPayment))
            .one(&self.ctx.db)
            .await?
            .map(|o| o.expires_at))
    }
}

/// Cancels the due pending orders among `order_ids` inside `txn` and gives back what they held.
/// Returns the ones it cancelled, as they are now.
async fn expire_in<C: ConnectionTrait>(
    txn: &C,
    order_ids: &[i64],
    now: DateTime<Utc>,
) -> DomainResult<Vec<order::Model>> {
    let due = Condition::all().add(order::Column::ExpiresAt.lte(now));
    release::cancel_pending(txn, order_ids, CancelReason::Expired, due, now).await
}
