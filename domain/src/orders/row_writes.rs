//! Set-based writes that placing and giving back share: one statement for a batch's stock, one for
//! its coupons, and the locking order every writer of those rows keeps.
//!
//! Why set-based: a batch of orders on many products (a catalogue, not one hot item) used to cost
//! a round trip per product and per coupon, so the batch's transaction - and the row locks it held
//! - grew with its size. Now it is the same few statements whatever the batch holds.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value,
};

use crate::entities::product;
use crate::status::CouponStatus;

/// On PostgreSQL, locks the rows of `ids` in ascending id order, as an update would (`FOR NO KEY
/// UPDATE`: order lines referencing a product still go in beside it). A statement updating many
/// rows locks them in whatever order its plan visits them, so two such statements could deadlock;
/// taking the locks first in one agreed order cannot. SQLite has one writer and needs no locks.
pub(crate) async fn lock_in_id_order<E, C>(
    db: &C,
    id: E::Column,
    ids: impl IntoIterator<Item = i64>,
) -> Result<(), DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.len() < 2 || db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    E::find()
        .select_only()
        .column(id)
        .filter(id.is_in(ids))
        .order_by_asc(id)
        .lock(LockType::NoKeyUpdate)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    Ok(())
}

/// `stock += delta` for every product of `deltas` in one statement, except where the stock would
/// fall below zero: that row is left as it is. Returns the ids of the rows changed, so a caller
/// taking stock learns which product was short. Lock the rows first (`lock_in_id_order`).
pub(crate) async fn change_stock<C: ConnectionTrait>(
    db: &C,
    deltas: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let mut each = deltas.iter();
    match (each.next(), each.next()) {
        (None, _) => return Ok(Vec::new()),
        // A sale's batches name one product: the plain update keeps the hot row's lock shortest
        // (the join below cost the PostgreSQL sale about a tenth of its rate).
        (Some((&id, &delta)), None) => {
            let res = product::Entity::update_many()
                .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).add(delta))
                .col_expr(product::Column::UpdatedAt, Expr::value(now))
                .filter(product::Column::Id.eq(id))
                .filter(product::Column::Stock.gte(-delta))
                .exec(db)
                .await?;
            return Ok(if res.rows_affected == 1 { vec![id] } else { Vec::new() });
        }
        _ => {}
    }
    let mut sql = Values::new(db.get_database_backend());
    let rows = sql.rows(deltas.iter().map(|(&id, &delta)| (id, delta)));
    let at = sql.bind(now);
    // A join with the deltas as a VALUES list: linear in the number of products (a CASE with one
    // branch per product would be quadratic). The columns are named apart from `products`' own
    // so that `RETURNING id` means the product on both databases.
    let text = format!(
        "WITH change (product_id, delta) AS (VALUES {rows}) \
         UPDATE products SET stock = products.stock + change.delta, updated_at = {at} \
         FROM change WHERE products.id = change.product_id AND products.stock + change.delta >= 0 \
         RETURNING id"
    );
    let changed = db.query_all_raw(sql.statement(text)).await?;
    changed.iter().map(|row| row.try_get_by_index::<i64>(0)).collect()
}

/// `available -> reserved` for each (user coupon, order) of `reservations`, in one statement;
/// returns how many it reserved (a coupon already taken is left as it is). Lock the rows first
/// (`lock_in_id_order`).
pub(crate) async fn reserve_coupons<C: ConnectionTrait>(
    db: &C,
    reservations: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if reservations.is_empty() {
        return Ok(0);
    }
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
    Ok(db.execute_raw(sql.statement(text)).await?.rows_affected())
}

/// A raw statement's bind parameters, numbered as the backend spells them.
struct Values {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Values {
    fn new(backend: DbBackend) -> Self {
        Self { backend, values: Vec::new() }
    }

    /// Binds `value`; returns its placeholder, numbered: a bare `?` would take the values in
    /// the order the SQL text names them, not the order they were bound.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => format!("?{}", self.values.len()),
        }
    }

    /// Binds the pairs as the rows of a VALUES list: `($1, $2), ($3, $4)`.
    fn rows(&mut self, pairs: impl Iterator<Item = (i64, i64)>) -> String {
        pairs.map(|(a, b)| format!("({}, {})", self.bind(a), self.bind(b))).collect::<Vec<_>>().join(", ")
    }

    fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}
