//! Cancelling a pending order and giving back what it held: shared by expiry and cancellation by
//! the customer.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{order, order_item, product, user_coupon};
use crate::error::DomainResult;
use crate::status;

use super::events;

/// `pending_payment -> cancelled` with `reason`, only if the order is still pending and `only_if`
/// holds. That conditional update is the guard: when it changes no row nothing else happens and
/// `false` is returned; otherwise the event is written and stock and coupon are given back.
pub(crate) async fn cancel_pending<C: ConnectionTrait>(
    db: &C,
    order_id: i64,
    reason: &'static str,
    only_if: Condition,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let res = order::Entity::update_many()
        .col_expr(order::Column::Status, Expr::value(status::order::CANCELLED))
        .col_expr(order::Column::CancelReason, Expr::value(reason))
        .col_expr(order::Column::CancelledAt, Expr::value(now))
        .col_expr(order::Column::UpdatedAt, Expr::value(now))
        .filter(order::Column::Id.eq(order_id))
        .filter(order::Column::Status.eq(status::order::PENDING_PAYMENT))
        .filter(only_if)
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    events::record(db, order_id, now, [(status::event::CANCELLED, Some(reason.to_owned()))]).await?;
    release(db, order_id, now).await?;
    Ok(true)
}

/// Restores stock for every line (ascending product id, like placing) and releases the reserved
/// coupon. Call only after the conditional status update changed the order's row, in the same
/// transaction: that update is what makes this run at most once per order.
pub(crate) async fn release<C: ConnectionTrait>(db: &C, order_id: i64, now: DateTime<Utc>) -> DomainResult<()> {
    let items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(order_id))
        .order_by_asc(order_item::Column::ProductId)
        .all(db)
        .await?;
    let mut restored = Vec::with_capacity(items.len());
    for item in &items {
        product::Entity::update_many()
            .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).add(i64::from(item.quantity)))
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(item.product_id))
            .exec(db)
            .await?;
        restored.push(format!("{}x{}", item.product_id, item.quantity));
    }
    let mut timeline = vec![(status::event::STOCK_RESTORED, Some(restored.join(", ")))];
    let released = user_coupon::Entity::update_many()
        .col_expr(user_coupon::Column::Status, Expr::value(status::user_coupon::AVAILABLE))
        .col_expr(user_coupon::Column::OrderId, Expr::value(Option::<i64>::None))
        .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
        .filter(user_coupon::Column::OrderId.eq(order_id))
        .filter(user_coupon::Column::Status.eq(status::user_coupon::RESERVED))
        .exec(db)
        .await?;
    if released.rows_affected > 0 {
        timeline.push((status::event::COUPON_RELEASED, None));
    }
    events::record(db, order_id, now, timeline).await?;
    Ok(())
}
