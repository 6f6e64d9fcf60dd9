//! Refunding a paid order (staff): the gateway gives the money back first (idempotently, by the
//! charge's reference), then `paid -> refunded` by a conditional update - the guard that makes a
//! double click, a retry or two staff at once refund and restore once.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::{coupon, order, order_item, user_coupon};
use crate::error::{DomainError, DomainResult};
use crate::facade::Orders;
use crate::payment::RefundOutcome;
use crate::status::{CouponStatus, EventKind, OrderStatus};
use crate::views::OrderView;

use super::{events, release};

impl Orders<'_> {
    /// Refunds a paid order: stock comes back for every line, and the coupon goes back to the
    /// shopper while its validity window is still open (else it stays used). A refund the gateway
    /// refuses leaves the order paid and says why.
    #[tracing::instrument(skip(self))]
    pub async fn refund(self, order_id: i64) -> DomainResult<OrderView> {
        let o = order::Entity::find_by_id(order_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        if o.status != OrderStatus::Paid {
            return Err(DomainError::OrderNotRefundable);
        }
        let reference = self
            .paid_reference(order_id)
            .await?
            .ok_or_else(|| DomainError::internal(format!("paid order {order_id} has no charge reference")))?;
        // A gateway that does not answer is `internal` for the admin, and nothing has changed.
        let outcome = self.facade.gateway.refund(&reference).await?;
        if let RefundOutcome::Declined { reason } = outcome {
            return Err(DomainError::RefundDeclined { reason });
        }

        let now = self.facade.clock.now();
        let txn = self.facade.begin_write().await?;
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
        let (per_product, mut restored) = release::tally(&items);
        let lines = restored.remove(&order_id).unwrap_or_default().join(", ");
        let mut timeline = vec![(EventKind::Refunded, Some(reference)), (EventKind::StockRestored, Some(lines))];
        if let Some(uc_id) = o.user_coupon_id {
            let window_open = match user_coupon::Entity::find_by_id(uc_id).one(&txn).await? {
                Some(uc) => coupon::Entity::find_by_id(uc.coupon_id)
                    .one(&txn)
                    .await?
                    .is_some_and(|c| crate::coupons::judge_window(&c, now).is_ok()),
                None => false,
            };
            if window_open {
                let released = user_coupon::Entity::update_many()
                    .col_expr(user_coupon::Column::Status, Expr::value(CouponStatus::Available))
                    .col_expr(user_coupon::Column::OrderId, Expr::value(Option::<i64>::None))
                    .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
                    .filter(user_coupon::Column::Id.eq(uc_id))
                    .filter(user_coupon::Column::OrderId.eq(order_id))
                    .filter(user_coupon::Column::Status.eq(CouponStatus::Used))
                    .exec(&txn)
                    .await?;
                if released.rows_affected == 1 {
                    timeline.push((EventKind::CouponReleased, None));
                }
            }
        }
        events::record(&txn, order_id, now, timeline).await?;
        release::restore_stock(&txn, &per_product, now).await?;
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }
}
