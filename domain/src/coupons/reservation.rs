//! An issued coupon's life with an order (`docs/domain.md`, States): `available -> reserved` when
//! an order is placed with it, `reserved -> used` when that order is paid, `reserved -> available`
//! when it is cancelled or expires, and `used -> available` when it is refunded while the
//! campaign's window is still open. Each is one conditional update whose guard is the state it
//! leaves, so a second run changes nothing; nothing else moves a coupon's state.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::rule;
use crate::db::batch_sql::{Values, lock_in_id_order};
use crate::entities::{coupon, user_coupon};
use crate::status::CouponStatus;

/// `available -> reserved` for each (issued coupon, order) of `reservations`, in one statement,
/// after locking the rows in ascending id order. True when every coupon was reserved; false when
/// another order took one since it was read (the caller rolls back).
pub(crate) async fn reserve<C: ConnectionTrait>(
    db: &C,
    reservations: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if reservations.is_empty() {
        return Ok(true);
    }
    // In id order: two batches reserving the same coupons lock them in the same order.
    let mut reservations = reservations.to_vec();
    reservations.sort_unstable();
    lock_in_id_order::<user_coupon::Entity, _>(db, user_coupon::Column::Id, reservations.iter().map(|r| r.0)).await?;
    let mut sql = Values::new(db.get_database_backend());
    let rows = sql.rows(reservations.iter().copied());
    let at = sql.bind(now);
    let reserved = sql.bind(CouponStatus::Reserved);
    let available = sql.bind(CouponStatus::Available);
    let text = format!(
        "WITH reservation (coupon_id, for_order) AS (VALUES {rows}) \
         UPDATE user_coupons SET status = {reserved}, order_id = reservation.for_order, updated_at = {at} \
         FROM reservation WHERE user_coupons.id = reservation.coupon_id AND user_coupons.status = {available}"
    );
    Ok(db.execute_raw(sql.statement(text)).await?.rows_affected() == reservations.len() as u64)
}

/// `reserved -> used` for the coupon the paid order holds; true when it held one.
pub(crate) async fn use_for<C: ConnectionTrait>(db: &C, order_id: i64, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let used = user_coupon::Entity::update_many()
        .col_expr(user_coupon::Column::Status, Expr::value(CouponStatus::Used))
        .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
        .filter(user_coupon::Column::OrderId.eq(order_id))
        .filter(user_coupon::Column::Status.eq(CouponStatus::Reserved))
        .exec(db)
        .await?;
    Ok(used.rows_affected > 0)
}

/// `reserved -> available` for the coupons `coupon_ids` that the orders `order_ids` (cancelled in
/// this transaction) hold, in one statement; returns the ids released.
pub(crate) async fn release<C: ConnectionTrait>(
    db: &C,
    coupon_ids: &[i64],
    order_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    if coupon_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user_coupon::Entity::update_many()
        .col_expr(user_coupon::Column::Status, Expr::value(CouponStatus::Available))
        .col_expr(user_coupon::Column::OrderId, Expr::value(Option::<i64>::None))
        .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
        .filter(user_coupon::Column::Id.is_in(coupon_ids.iter().copied()))
        .filter(user_coupon::Column::OrderId.is_in(order_ids.iter().copied()))
        .filter(user_coupon::Column::Status.eq(CouponStatus::Reserved))
        .exec_with_returning(db)
        .await?
        .into_iter()
        .map(|uc| uc.id)
        .collect())
}

/// `used -> available` for the coupon `uc_id` that the refunded order `order_id` used, when its
/// campaign's window is still open at `now` (else it stays used); true when it came back.
pub(crate) async fn give_back_after_refund<C: ConnectionTrait>(
    db: &C,
    uc_id: i64,
    order_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let window_open = match user_coupon::Entity::find_by_id(uc_id).one(db).await? {
        Some(uc) => {
            coupon::Entity::find_by_id(uc.coupon_id).one(db).await?.is_some_and(|c| rule::window(&c, now).is_ok())
        }
        None => false,
    };
    if !window_open {
        return Ok(false);
    }
    let released = user_coupon::Entity::update_many()
        .col_expr(user_coupon::Column::Status, Expr::value(CouponStatus::Available))
        .col_expr(user_coupon::Column::OrderId, Expr::value(Option::<i64>::None))
        .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
        .filter(user_coupon::Column::Id.eq(uc_id))
        .filter(user_coupon::Column::OrderId.eq(order_id))
        .filter(user_coupon::Column::Status.eq(CouponStatus::Used))
        .exec(db)
        .await?;
    Ok(released.rows_affected == 1)
}
