use sea_orm::{ColumnTrait, Condition};

use super::Orders;
use super::views::OrderView;
use crate::entities::order;
use crate::error::{DomainError, DomainResult, Field};
use crate::status::CancelReason;

use super::events::OrderEvent;
use super::release;
use crate::types::UserId;

impl Orders<'_> {
    /// The shopper cancels their own pending order; stock and coupon come back as on expiry.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_by_customer(self, user_id: UserId, order_id: i64) -> DomainResult<OrderView> {
        self.own_order(user_id, order_id).await?;
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let own = Condition::all().add(order::Column::UserId.eq(user_id));
        if release::cancel_pending(&txn, &[order_id], CancelReason::ByCustomer, own, now).await?.is_empty() {
            txn.rollback().await?;
            return Err(DomainError::OrderNotCancellable);
        }
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }

    /// Shop staff cancel a pending order (reason `by_admin`); stock and coupon come back exactly
    /// as on expiry. Racing the shopper's payment or cancel, or expiry: one of them wins.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_by_admin(self, order_id: i64) -> DomainResult<OrderView> {
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)?;
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        if release::cancel_pending(&txn, &[order_id], CancelReason::ByAdmin, Condition::all(), now).await?.is_empty() {
            txn.rollback().await?;
            return Err(DomainError::OrderNotCancellable);
        }
        txn.commit().await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }

    /// An internal note on the order's timeline (shown to staff only), signed by its author.
    #[tracing::instrument(skip(self, text))]
    pub async fn add_order_note(self, order_id: i64, author: &str, text: &str) -> DomainResult<()> {
        let text = crate::types::clean_text(Field::Note, text, 1_000, true)?;
        if text.is_empty() {
            return Err(DomainError::validation(Field::Note, "must be 1 to 1000 characters"));
        }
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)?;
        let note = OrderEvent::Note { author: author.to_owned(), text };
        super::events::record(&self.ctx.db, order_id, self.ctx.clock.now(), [note]).await?;
        Ok(())
    }
}
