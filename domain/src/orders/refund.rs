//! Refunding a paid order (staff): the gateway gives the money back first (idempotently, by the
//! charge's reference), then `paid -> refunded` by a conditional update - the guard that makes a
//! double click, a retry or two staff at once refund and restore once.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::events::OrderEvent;
use super::views::OrderView;
use super::{Orders, events, stock};
use crate::coupons::reservation;
use crate::entities::{order, order_item};
use crate::error::{DomainError, DomainResult};
use crate::payment::RefundOutcome;
use crate::status::OrderStatus;

impl Orders<'_> {
    /// Refunds a paid order: stock comes back for every line, and the coupon goes back to the
    /// shopper while its validity window is still open (else it stays used). A refund the gateway
    /// refuses leaves the order paid and says why.
    #[tracing::instrument(skip(self))]
    pub async fn refund(self, order_id: i64) -> DomainResult<OrderView> {
        let o = order::Entity::find_by_id(order_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        if o.status != OrderStatus::Paid {
            return Err(DomainError::OrderNotRefundable);
        }
        let reference = self
            .paid_reference(order_id)
            .await?
            .ok_or_else(|| DomainError::internal(format!("paid order {order_id} has no charge reference")))?;
        // A gateway that does not answer is `internal` for the admin, and nothing has changed.
        let outcome = self.ctx.gateway.refund(&reference).await?;
        if let RefundOutcome::Declined { reason } = outcome {
            return Err(DomainError::RefundDeclined { reason });
        }

        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let res = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(OrderStatus::Refunded))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .filter(order::Column::Id.eq(order_id))
            .filter(order::Column::Status.eq(OrderStatus::Paid))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            // Someone refunded it meanwhile; the gateway refunded that charge once.
            txn.rollback().await?;
            return Err(DomainError::OrderNotRefundable);
        }
        let items = order_item::Entity::find().filter(order_item::Column::OrderId.eq(order_id)).all(&txn).await?;
        let (per_row, mut restored) = stock::tally(&items);
        let lines = restored.remove(&order_id).unwrap_or_default();
        let mut timeline = vec![OrderEvent::Refunded { reference }, OrderEvent::StockRestored { lines }];
        if let Some(uc_id) = o.user_coupon_id
            && reservation::give_back_after_refund(&txn, uc_id, order_id, now).await?
        {
            timeline.push(OrderEvent::CouponReleased);
        }
        events::record(&txn, order_id, now, timeline).await?;
        stock::give_back(&txn, &per_row, now).await?;
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }
}
