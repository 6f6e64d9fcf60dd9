//! Flow 2 of `domain.md`: expiring unpaid orders.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::order;
use crate::error::DomainResult;
use crate::facade::OrderFacade;
use crate::status;

use super::{events, release};

impl OrderFacade {
    /// Expires one order if it is still pending and past its deadline. Returns whether this call
    /// expired it; a paid, cancelled, not yet due or missing order is a no-op (`false`).
    #[tracing::instrument(skip(self))]
    pub async fn expire(&self, order_id: i64) -> DomainResult<bool> {
        self.expire_at(order_id, self.clock.now()).await
    }

    /// `expire` as seen at `now`.
    pub async fn expire_at(&self, order_id: i64, now: DateTime<Utc>) -> DomainResult<bool> {
        let txn = crate::db::begin_write(&self.db).await?;
        let res = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(status::order::CANCELLED))
            .col_expr(order::Column::CancelReason, Expr::value(status::cancel_reason::EXPIRED))
            .col_expr(order::Column::CancelledAt, Expr::value(now))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .filter(order::Column::Id.eq(order_id))
            .filter(order::Column::Status.eq(status::order::PENDING_PAYMENT))
            .filter(order::Column::ExpiresAt.lte(now))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        events::record(
            &txn,
            order_id,
            now,
            [(status::event::CANCELLED, Some(status::cancel_reason::EXPIRED.to_owned()))],
        )
        .await?;
        release::release(&txn, order_id, now).await?;
        txn.commit().await?;
        tracing::info!(order_id, "order expired");
        Ok(true)
    }

    /// The sweep: expires up to `batch` due orders, oldest deadline first. Returns how many this
    /// call expired; callers loop until it returns less than `batch`.
    #[tracing::instrument(skip(self))]
    pub async fn expire_due(&self, now: DateTime<Utc>, batch: u64) -> DomainResult<u64> {
        let due: Vec<i64> = order::Entity::find()
            .select_only()
            .column(order::Column::Id)
            .filter(order::Column::Status.eq(status::order::PENDING_PAYMENT))
            .filter(order::Column::ExpiresAt.lte(now))
            .order_by_asc(order::Column::ExpiresAt)
            .limit(batch)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut expired = 0;
        for id in due {
            if self.expire_at(id, now).await? {
                expired += 1;
            }
        }
        Ok(expired)
    }
}
