//! Settling a charge: the order becomes `paid` with it, or the charge is refunded. Run by the pay
//! flow right after the charge, and by the worker's reconciler for attempts a crash or a lost
//! database left `charging`. Every step is a conditional update, so the two running at once
//! (or two reconcilers) settle each charge once.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::events::OrderEvent;
use super::{Orders, events};
use crate::coupons::reservation;
use crate::entities::{order, order_event, payment_attempt};
use crate::error::{DomainError, DomainResult};
use crate::payment::RefundOutcome;
use crate::status::PaymentAttemptStatus as Attempt;
use crate::status::{EventKind, OrderStatus};

/// How a charge ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Settled {
    Paid,
    Refunded,
    /// The order cannot be paid and the gateway refused the refund: staff must act.
    RefundDeclined {
        reason: String,
    },
}

/// What one reconciler pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reconciled {
    /// Attempts whose charge paid their order.
    pub paid: u64,
    /// Attempts whose charge was given back (the order could no longer be paid).
    pub refunded: u64,
    /// Attempts the gateway never charged.
    pub not_charged: u64,
    /// Attempts whose refund the gateway refused.
    pub refund_declined: u64,
}

impl Orders<'_> {
    /// Pays the order with this charge if it is still payable; if the order is already paid with
    /// this very charge (a retry, the reconciler), that is the outcome too; otherwise the charge
    /// goes back.
    pub(crate) async fn settle_charge(self, attempt: i64, order_id: i64, reference: &str) -> DomainResult<Settled> {
        // The deadline is checked against the time of the update, not of the request.
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let res = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(OrderStatus::Paid))
            .col_expr(order::Column::PaidAt, Expr::value(now))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .filter(order::Column::Id.eq(order_id))
            .filter(order::Column::Status.eq(OrderStatus::PendingPayment))
            .filter(order::Column::ExpiresAt.gt(now))
            .exec(&txn)
            .await?;
        if res.rows_affected == 1 {
            let mut timeline = vec![OrderEvent::Paid { reference: reference.to_owned() }];
            if reservation::use_for(&txn, order_id, now).await? {
                timeline.push(OrderEvent::CouponUsed);
            }
            events::record(&txn, order_id, now, timeline).await?;
            mark_attempt(&txn, attempt, Attempt::Paid, Some(reference), now).await?;
            txn.commit().await?;
            crate::metrics::order_paid();
            return Ok(Settled::Paid);
        }
        txn.rollback().await?;
        let current = order::Entity::find_by_id(order_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        if current.status == OrderStatus::Paid && self.paid_reference(order_id).await?.as_deref() == Some(reference) {
            // Paid with this same charge by another try (the key made them one charge).
            self.finish_attempt(attempt, Attempt::Paid, Some(reference)).await?;
            return Ok(Settled::Paid);
        }
        // Expired, cancelled or refunded meanwhile: the money goes back.
        match self.ctx.gateway.refund(reference).await? {
            RefundOutcome::Refunded => {
                tracing::warn!(order_id, reference, "charge refunded: the order could no longer be paid");
                self.finish_attempt(attempt, Attempt::Refunded, Some(reference)).await?;
                Ok(Settled::Refunded)
            }
            RefundOutcome::Declined { reason } => {
                crate::metrics::unpaid_charge_refund_refused();
                self.finish_attempt(attempt, Attempt::RefundDeclined, Some(reference)).await?;
                Ok(Settled::RefundDeclined { reason })
            }
        }
    }

    /// Writes an attempt's outcome once; an attempt another process settled first keeps its own.
    pub(crate) async fn finish_attempt(
        self,
        attempt: i64,
        outcome: Attempt,
        reference: Option<&str>,
    ) -> DomainResult<()> {
        mark_attempt(&self.ctx.db, attempt, outcome, reference, self.ctx.clock.now()).await?;
        Ok(())
    }

    /// The reference of the charge that paid the order (written on its `paid` event).
    pub(crate) async fn paid_reference(self, order_id: i64) -> DomainResult<Option<String>> {
        Ok(order_event::Entity::find()
            .filter(order_event::Column::OrderId.eq(order_id))
            .filter(order_event::Column::Kind.eq(EventKind::Paid))
            .order_by_desc(order_event::Column::Id)
            .one(&self.ctx.db)
            .await?
            .and_then(|e| match OrderEvent::read(e.kind, e.detail.as_deref()) {
                Ok(OrderEvent::Paid { reference }) => Some(reference),
                _ => None,
            }))
    }

    /// Finishes attempts left `charging` for longer than a pay request can run (the process died
    /// or lost its database between the charge and writing the outcome): asks the gateway by the
    /// key whether it charged, then pays the order with that charge if it still can, or refunds.
    /// At most `batch` attempts, oldest first. Safe to run in several workers at once.
    pub async fn reconcile_payments(self, batch: u64) -> DomainResult<Reconciled> {
        let cutoff = self.ctx.clock.now() - self.ctx.reconcile_after;
        let stale = payment_attempt::Entity::find()
            .filter(payment_attempt::Column::Status.eq(Attempt::Charging))
            .filter(payment_attempt::Column::CreatedAt.lt(cutoff))
            .order_by_asc(payment_attempt::Column::CreatedAt)
            .limit(batch)
            .all(&self.ctx.db)
            .await?;
        let mut done = Reconciled::default();
        for a in stale {
            let charge = self.ctx.gateway.find_charge(&a.idempotency_key).await?;
            match charge {
                None => {
                    self.finish_attempt(a.id, Attempt::NotCharged, None).await?;
                    done.not_charged += 1;
                }
                Some(c) if c.refunded => {
                    self.finish_attempt(a.id, Attempt::Refunded, Some(&c.reference)).await?;
                    done.refunded += 1;
                }
                Some(c) => match self.settle_charge(a.id, a.order_id, &c.reference).await? {
                    Settled::Paid => done.paid += 1,
                    Settled::Refunded => done.refunded += 1,
                    Settled::RefundDeclined { reason } => {
                        tracing::error!(order_id = a.order_id, reason, "charge of an unpaid order: refund refused");
                        done.refund_declined += 1;
                    }
                },
            }
        }
        crate::metrics::payments_reconciled("paid", done.paid);
        crate::metrics::payments_reconciled("refunded", done.refunded);
        crate::metrics::payments_reconciled("not_charged", done.not_charged);
        crate::metrics::payments_reconciled("refund_declined", done.refund_declined);
        Ok(done)
    }
}

/// `charging -> outcome`, conditional: the first settler's outcome stands. Zero rows changed
/// means another try settled this attempt already, which is not an error.
async fn mark_attempt<C: sea_orm::ConnectionTrait>(
    db: &C,
    attempt: i64,
    outcome: Attempt,
    reference: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sea_orm::DbErr> {
    let res = payment_attempt::Entity::update_many()
        .col_expr(payment_attempt::Column::Status, Expr::value(outcome))
        .col_expr(payment_attempt::Column::Reference, Expr::value(reference.map(str::to_owned)))
        .col_expr(payment_attempt::Column::UpdatedAt, Expr::value(now))
        .filter(payment_attempt::Column::Id.eq(attempt))
        .filter(payment_attempt::Column::Status.eq(Attempt::Charging))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        tracing::debug!(attempt, outcome = outcome.as_str(), "payment attempt already settled");
    }
    Ok(())
}
