//! Paying an order. The money rule (`docs/domain.md`, Paying): a charge ends either with its order `paid` or
//! refunded, and no path charges twice. So: the attempt is written before the gateway is asked;
//! the charge carries the order's idempotency key (a retry, a second tab or the reconciler gets
//! the same charge back); the outcome is settled by [`Orders::settle_charge`](crate::Orders), which the
//! reconciler (`settle.rs`) also runs for attempts a crash left unsettled.
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::Orders;
use super::views::OrderView;
use crate::entities::{order, payment_attempt};
use crate::error::{DomainError, DomainResult};
use crate::payment::{ChargeRequest, PaymentOutcome};
use crate::status::OrderStatus;
use crate::status::PaymentAttemptStatus;

use super::settle::Settled;
use crate::types::UserId;

/// The idempotency key of an order's charge: one per order, so every try is the same charge.
pub(crate) fn payment_key(order_id: i64) -> String {
    format!("order-{order_id}")
}

impl Orders<'_> {
    /// Pays a pending order before its deadline through the payment gateway.
    #[tracing::instrument(skip(self, card_number))]
    pub async fn pay(self, user_id: UserId, order_id: i64, card_number: Option<&str>) -> DomainResult<OrderView> {
        let order = self.own_order(user_id, order_id).await?;
        let now = self.ctx.clock.now();
        if order.status != OrderStatus::PendingPayment || now >= order.expires_at {
            return Err(DomainError::OrderNotPayable);
        }
        let key = payment_key(order_id);
        // Written before the charge: if this process dies after the gateway charged, the
        // reconciler finds this row and finishes the payment.
        let attempt = payment_attempt::Entity::insert(payment_attempt::ActiveModel {
            order_id: Set(order_id),
            idempotency_key: Set(key.clone()),
            amount: Set(order.total),
            status: Set(PaymentAttemptStatus::Charging),
            reference: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&self.ctx.db)
        .await?
        .last_insert_id;
        let request = ChargeRequest { idempotency_key: &key, order_id, amount: order.total, card_number };
        let reference = match self.ctx.gateway.charge(request).await {
            Ok(PaymentOutcome::Approved { reference }) => reference,
            Ok(PaymentOutcome::Declined) => {
                // Best effort: an attempt left `charging` is found uncharged by the reconciler.
                if let Err(e) = self.finish_attempt(attempt, PaymentAttemptStatus::Declined, None).await {
                    tracing::warn!(order_id, error = %e, "could not record the declined attempt");
                }
                return Err(DomainError::PaymentDeclined);
            }
            Err(e) => {
                // Whether it charged is unknown; the reconciler asks the gateway by the key.
                tracing::error!(order_id, error = %e, "payment gateway did not answer");
                return Err(DomainError::PaymentUnconfirmed);
            }
        };
        match self.settle_charge(attempt, order_id, &reference).await {
            Ok(Settled::Paid) => self.load_order(order_id).await?.ok_or(DomainError::NotFound),
            Ok(Settled::Refunded) => Err(DomainError::OrderNotPayable),
            Ok(Settled::RefundDeclined { reason }) => {
                tracing::error!(order_id, reference, reason, "charged an order that cannot be paid; refund refused");
                Err(DomainError::OrderNotPayable)
            }
            Err(e) => {
                // Charged, outcome not written (the database did not answer, say). Refunding now
                // could give back the money of an order whose commit did land; the reconciler
                // reads what the database says once it answers, and pays or refunds then.
                tracing::error!(order_id, reference, error = %e, "charged but not settled; left to the reconciler");
                Err(DomainError::PaymentUnconfirmed)
            }
        }
    }

    /// The caller's own order; another shopper's order reads as missing (never reveal it exists).
    pub(crate) async fn own_order(self, user_id: UserId, order_id: i64) -> DomainResult<order::Model> {
        order::Entity::find_by_id(order_id)
            .filter(order::Column::UserId.eq(user_id))
            .one(&self.ctx.db)
            .await?
            .ok_or(DomainError::NotFound)
    }
}
