use sea_orm::{ColumnTrait, Condition};

use crate::entities::order;
use crate::error::{DomainError, DomainResult};
use crate::facade::OrderFacade;
use crate::status;
use crate::views::OrderView;

use super::release;

impl OrderFacade {
    /// The shopper cancels their own pending order; stock and coupon come back as on expiry.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_by_customer(&self, user_id: i64, order_id: i64) -> DomainResult<OrderView> {
        self.own_order(user_id, order_id).await?;
        let now = self.clock.now();
        let txn = crate::db::begin_write(&self.db).await?;
        let own = Condition::all().add(order::Column::UserId.eq(user_id));
        if release::cancel_pending(&txn, &[order_id], status::cancel_reason::BY_CUSTOMER, own, now).await?.is_empty() {
            txn.rollback().await?;
            return Err(DomainError::OrderNotCancellable);
        }
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }
}
