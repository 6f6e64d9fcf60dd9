use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::{order, user_coupon};
use crate::error::{DomainError, DomainResult};
use crate::facade::OrderFacade;
use crate::payment::PaymentOutcome;
use crate::status;
use crate::views::OrderView;

use super::events;

impl OrderFacade {
    /// Pays a pending order before its deadline through the payment gateway. The charge is made
    /// first; if the order cannot be marked paid afterwards (it expired meanwhile) it is refunded.
    #[tracing::instrument(skip(self, card_number))]
    pub async fn pay(&self, user_id: i64, order_id: i64, card_number: Option<&str>) -> DomainResult<OrderView> {
        let order = self.own_order(user_id, order_id).await?;
        let now = self.clock.now();
        if order.status != status::order::PENDING_PAYMENT || now >= order.expires_at {
            return Err(DomainError::OrderNotPayable);
        }
        let reference = match self.gateway.charge(order_id, order.total, card_number).await {
            PaymentOutcome::Approved { reference } => reference,
            PaymentOutcome::Declined => return Err(DomainError::PaymentDeclined),
        };
        // The deadline is checked against the time of the update, not of the request.
        let now = self.clock.now();
        let txn = crate::db::begin_write(&self.db).await?;
        let res = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(status::order::PAID))
            .col_expr(order::Column::PaidAt, Expr::value(now))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .filter(order::Column::Id.eq(order_id))
            .filter(order::Column::Status.eq(status::order::PENDING_PAYMENT))
            .filter(order::Column::ExpiresAt.gt(now))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            txn.rollback().await?;
            // Not paid after all: the charge goes back (what the gateway says is logged by it).
            let _ = self.gateway.refund(&reference).await;
            return Err(DomainError::OrderNotPayable);
        }
        let mut timeline = vec![(status::event::PAID, Some(reference))];
        let used = user_coupon::Entity::update_many()
            .col_expr(user_coupon::Column::Status, Expr::value(status::user_coupon::USED))
            .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
            .filter(user_coupon::Column::OrderId.eq(order_id))
            .filter(user_coupon::Column::Status.eq(status::user_coupon::RESERVED))
            .exec(&txn)
            .await?;
        if used.rows_affected > 0 {
            timeline.push((status::event::COUPON_USED, None));
        }
        events::record(&txn, order_id, now, timeline).await?;
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }

    /// The caller's own order; another shopper's order reads as missing (never reveal it exists).
    pub(crate) async fn own_order(&self, user_id: i64, order_id: i64) -> DomainResult<order::Model> {
        order::Entity::find_by_id(order_id)
            .filter(order::Column::UserId.eq(user_id))
            .one(&self.db)
            .await?
            .ok_or(DomainError::NotFound)
    }
}
