//! Cancelling pending orders and giving back what they held: shared by expiry (one order from its
//! job, a batch from the sweep) and cancellation by the customer.
//!
//! Set-based on purpose: a batch of any size costs the same handful of statements (the status
//! update, one read of the lines, one coupon update, one stock update, one insert of the events),
//! which is what lets the sweep drain a backlog of tens of thousands of due orders quickly.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::coupons::reservation;
use crate::entities::{order, order_item};
use crate::error::DomainResult;
use crate::status::{CancelReason, OrderStatus};

use super::events::OrderEvent;
use super::{events, stock};

/// `pending_payment -> cancelled` with `reason` for every order of `order_ids` that is still
/// pending and matches `only_if`, in one conditional update. That update is the guard: only the
/// orders it changed (returned) get their events, their stock and their coupon back, so running
/// this twice for an order gives back nothing the second time.
pub(crate) async fn cancel_pending<C: ConnectionTrait>(
    db: &C,
    order_ids: &[i64],
    reason: CancelReason,
    only_if: Condition,
    now: DateTime<Utc>,
) -> DomainResult<Vec<order::Model>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    let cancelled = order::Entity::update_many()
        .col_expr(order::Column::Status, Expr::value(OrderStatus::Cancelled))
        .col_expr(order::Column::CancelReason, Expr::value(reason))
        .col_expr(order::Column::CancelledAt, Expr::value(now))
        .col_expr(order::Column::UpdatedAt, Expr::value(now))
        .filter(order::Column::Id.is_in(order_ids.iter().copied()))
        .filter(order::Column::Status.eq(OrderStatus::PendingPayment))
        .filter(only_if)
        .exec_with_returning(db)
        .await?;
    if cancelled.is_empty() {
        return Ok(Vec::new());
    }
    release(db, &cancelled, reason, now).await?;
    Ok(cancelled)
}

/// Restores the stock of every line and releases the reserved coupons of `cancelled`, and writes
/// their timelines. Call only with the rows the conditional status update just changed, in the
/// same transaction: that update is what makes this run at most once per order.
async fn release<C: ConnectionTrait>(
    db: &C,
    cancelled: &[order::Model],
    reason: CancelReason,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let ids: Vec<i64> = cancelled.iter().map(|o| o.id).collect();
    let items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.is_in(ids.iter().copied()))
        .order_by_asc(order_item::Column::OrderId)
        .order_by_asc(order_item::Column::ProductId)
        .order_by_asc(order_item::Column::VariantId)
        .all(db)
        .await?;
    let (per_row, mut restored) = stock::tally(&items);

    let coupons: Vec<i64> = cancelled.iter().filter_map(|o| o.user_coupon_id).collect();
    let released = reservation::release(db, &coupons, &ids, now).await?;

    let mut timeline = Vec::with_capacity(cancelled.len() * 3);
    for o in cancelled {
        let lines = restored.remove(&o.id).unwrap_or_default();
        timeline.push((o.id, OrderEvent::Cancelled { reason }));
        timeline.push((o.id, OrderEvent::StockRestored { lines }));
        if o.user_coupon_id.is_some_and(|uc| released.contains(&uc)) {
            timeline.push((o.id, OrderEvent::CouponReleased));
        }
    }
    events::record_many(db, now, timeline).await?;

    // Last, like placing: product rows are the hot rows of a sale, so their locks are held only
    // from here to the commit.
    stock::give_back(db, &per_row, now).await
}
