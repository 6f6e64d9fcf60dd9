//! Step 4 of placing for one order or a batch, inside the caller's transaction: the orders in one
//! multi-row insert, their coupon reservations, lines and timelines, and last the stock - one
//! conditional update for every product's total in the batch. Any guard that does not hold is a
//! [`WriteFailure`]; the caller rolls back (one order: the failure is its answer; a batch: its
//! orders are placed again one by one).
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, SqlErr};

use super::amounts::Priced;
use super::events::OrderEvent;
use super::place_checks::Snapshot;
use super::request::PlaceRequest;
use super::stock::Row;
use super::{amounts, events, stock};
use crate::coupons::reservation;
use crate::entities::{order, order_item};
use crate::status::OrderStatus;

/// A guard that did not hold while writing.
#[derive(Debug)]
pub(super) enum WriteFailure {
    /// (user, idempotency key) is taken: a concurrent try of the same request committed first.
    KeyTaken(DbErr),
    /// Another order reserved the coupon since it was read.
    CouponTaken,
    /// Concurrent orders took the stock since it was read.
    StockShort {
        row: Row,
    },
    Db(DbErr),
    /// Something that cannot happen did: nothing is written, and it is logged as a bug.
    Internal(&'static str),
}

impl From<DbErr> for WriteFailure {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

/// Writes the accepted orders; returns each one's row and lines, in the order given.
pub(super) async fn write_orders<C: ConnectionTrait>(
    txn: &C,
    accepted: &[(&PlaceRequest, &Priced)],
    snapshot: &Snapshot,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Vec<(order::Model, Vec<order_item::Model>)>, WriteFailure> {
    let orders = insert_orders(txn, accepted, now, expires_at).await?;

    let mut timeline = Vec::with_capacity(accepted.len() * 2);
    let mut reservations: Vec<(i64, i64)> = Vec::new(); // (user_coupon id, order id)
    for ((_, priced), o) in accepted.iter().zip(&orders) {
        timeline.push((o.id, OrderEvent::Placed { total: o.total }));
        if let Some((uc, _)) = priced.coupon {
            reservations.push((uc, o.id));
            timeline.push((o.id, OrderEvent::CouponReserved { coupon_id: uc }));
        }
    }
    if !reservation::reserve(txn, &reservations, now).await? {
        return Err(WriteFailure::CouponTaken);
    }

    let items = accepted.iter().zip(&orders).flat_map(|((req, _), o)| {
        req.order.lines.lines().iter().map(move |l| {
            let p = &snapshot.products[&l.product_id];
            // The variant's price and option values as they are now: the line keeps them.
            let variant = l.variant_id.map(|v| &snapshot.variants[&v]);
            let price = variant.map_or(p.price, |v| v.price);
            order_item::ActiveModel {
                order_id: Set(o.id),
                product_id: Set(l.product_id),
                product_name: Set(p.name.clone()),
                unit_price: Set(price),
                quantity: Set(l.quantity),
                line_total: Set(amounts::line_total(price, l.quantity)),
                variant_id: Set(l.variant_id),
                options: Set(variant.map(|v| v.options.clone())),
                ..Default::default()
            }
        })
    });
    // Returned rows instead of a read after the commit: the answers cost no extra round trip.
    let mut lines: HashMap<i64, Vec<order_item::Model>> = HashMap::new();
    for item in order_item::Entity::insert_many(items).exec_with_returning(txn).await? {
        lines.entry(item.order_id).or_default().push(item);
    }
    events::record_many(txn, now, timeline).await?;

    // Step 2 for real, last: a product's (or a variant's) row is the hot row of a sale, so its
    // lock is taken just before the commit and held for one statement (after the ordered locks:
    // no deadlock).
    let mut units: BTreeMap<Row, i64> = BTreeMap::new();
    for (req, _) in accepted {
        for l in req.order.lines.lines() {
            *units.entry(Row::of(l)).or_default() += i64::from(l.quantity);
        }
    }
    if let Some(row) = stock::take(txn, &units, now).await? {
        return Err(WriteFailure::StockShort { row });
    }

    Ok(orders
        .into_iter()
        .map(|o| {
            let mut items = lines.remove(&o.id).unwrap_or_default();
            items.sort_unstable_by_key(|i| i.id);
            (o, items)
        })
        .collect())
}

/// One multi-row insert. Ids are handed out in the order of the rows, so the returned rows sorted
/// by id line up with `accepted` (RETURNING itself promises no order on SQLite); each pairing is
/// checked, never assumed.
async fn insert_orders<C: ConnectionTrait>(
    txn: &C,
    accepted: &[(&PlaceRequest, &Priced)],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Vec<order::Model>, WriteFailure> {
    let rows = accepted.iter().map(|(req, priced)| {
        let o = &req.order;
        let ship = o.shipping.as_ref();
        order::ActiveModel {
            user_id: Set(req.user_id.0),
            status: Set(OrderStatus::PendingPayment),
            subtotal: Set(priced.subtotal),
            discount: Set(priced.discount()),
            total: Set(priced.total()),
            user_coupon_id: Set(priced.coupon.map(|(uc, _)| uc)),
            expires_at: Set(expires_at),
            idempotency_key: Set(o.idempotency_key.as_ref().map(|k| k.as_str().to_owned())),
            request_fingerprint: Set(o.idempotency_key.as_ref().map(|_| req.fingerprint.clone())),
            ship_recipient: Set(ship.map(|s| s.recipient.clone())),
            ship_phone: Set(ship.map(|s| s.phone.clone())),
            ship_postal_code: Set(ship.map(|s| s.postal_code.clone())),
            ship_address1: Set(ship.map(|s| s.address1.clone())),
            ship_address2: Set(ship.and_then(|s| s.address2.clone())),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    });
    let mut orders = match order::Entity::insert_many(rows).exec_with_returning(txn).await {
        Ok(orders) => orders,
        // Only (user_id, idempotency_key) is unique on orders.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(WriteFailure::KeyTaken(e));
        }
        Err(e) => return Err(e.into()),
    };
    orders.sort_unstable_by_key(|o| o.id);
    let lined_up = orders.len() == accepted.len()
        && orders.iter().zip(accepted).all(|(o, (req, priced))| {
            o.user_id == req.user_id.0
                && o.total == priced.total()
                && o.user_coupon_id == priced.coupon.map(|(uc, _)| uc)
                && o.idempotency_key.as_deref() == req.order.idempotency_key.as_ref().map(|k| k.as_str())
        });
    if !lined_up {
        return Err(WriteFailure::Internal("inserted orders do not line up with the batch"));
    }
    Ok(orders)
}
