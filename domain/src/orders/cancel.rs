use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::order;
use crate::error::{DomainError, DomainResult};
use crate::facade::OrderFacade;
use crate::status;
use crate::views::OrderView;

use super::{events, release};

impl OrderFacade {
    /// The shopper cancels their own pending order; stock and coupon come back as on expiry.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_by_customer(&self, user_id: i64, order_id: i64) -> DomainResult<OrderView> {
        self.own_order(user_id, order_id).await?;
        let now = self.clock.now();
        let txn = crate::db::begin_write(&self.db).await?;
        let res = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(status::order::CANCELLED))
            .col_expr(order::Column::CancelReason, Expr::value(status::cancel_reason::BY_CUSTOMER))
            .col_expr(order::Column::CancelledAt, Expr::value(now))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .filter(order::Column::Id.eq(order_id))
            .filter(order::Column::UserId.eq(user_id))
            .filter(order::Column::Status.eq(status::order::PENDING_PAYMENT))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            txn.rollback().await?;
            return Err(DomainError::OrderNotCancellable);
        }
        events::record(
            &txn,
            order_id,
            now,
            [(status::event::CANCELLED, Some(status::cancel_reason::BY_CUSTOMER.to_owned()))],
        )
        .await?;
        release::release(&txn, order_id, now).await?;
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }
}
