//! Placing an order (`docs/domain.md`), in one transaction.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, SqlErr};
use sha2::{Digest, Sha256};

use crate::entities::{coupon, order, order_item, product, user_coupon};
use crate::error::{CouponRejection, DomainError, DomainResult};
use crate::expiry_hook::ScheduleOutcome;
use crate::facade::OrderFacade;
use crate::status;
use crate::types::{IdempotencyKey, OrderLines, Shipping};
use crate::views::{OrderView, Placed, Quote};

use super::events;

/// A parsed placing request.
#[derive(Debug, Clone)]
pub struct PlaceOrder {
    pub lines: OrderLines,
    /// The issued coupon (user_coupon id) the shopper chose.
    pub coupon_id: Option<i64>,
    pub idempotency_key: Option<IdempotencyKey>,
    /// Where it goes; the storefront always sends one, the JSON API may not.
    pub shipping: Option<Shipping>,
}

impl PlaceOrder {
    /// Identifies the request body, to tell a retry from a different request with the same key.
    fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for l in self.lines.lines() {
            h.update(format!("{}x{};", l.product_id, l.quantity));
        }
        h.update(format!("coupon={:?}", self.coupon_id));
        // Only when given, so a retry of a request made before addresses existed still matches.
        if let Some(s) = &self.shipping {
            h.update(format!("ship={s:?}"));
        }
        hex::encode(h.finalize())
    }
}

/// Prices and coupon checked, nothing written yet.
struct Priced {
    products: HashMap<i64, product::Model>,
    subtotal: i64,
    coupon: Option<(user_coupon::Model, i64)>,
}

impl OrderFacade {
    /// Places an order: product -> stock -> coupon checks, in that order, all in one transaction.
    #[tracing::instrument(skip(self, cmd), fields(user_id, order_id))]
    pub async fn place_order(&self, user_id: i64, cmd: PlaceOrder) -> DomainResult<Placed> {
        let placed = self.place_order_once(user_id, cmd).await;
        match &placed {
            Ok(p) if p.created => crate::metrics::order_placed(),
            Ok(_) => {}
            Err(e) => crate::metrics::order_refused(e.code()),
        }
        placed
    }

    async fn place_order_once(&self, user_id: i64, cmd: PlaceOrder) -> DomainResult<Placed> {
        let fingerprint = cmd.fingerprint();
        if let Some(key) = &cmd.idempotency_key
            && let Some(existing) = self.find_by_idempotency_key(user_id, key, &fingerprint).await?
        {
            return Ok(existing);
        }
        let now = self.clock.now();
        let expires_at = now + self.payment_ttl;
        let txn = crate::db::begin_write(&self.db).await?;

        let products = load_products(&txn, &cmd.lines).await?;
        // Step 2 as read: refuse a sold-out line before writing anything (the common refusal of a
        // flash sale stays cheap). The conditional updates at the end are what decide.
        check_stock(&products, &cmd.lines)?;
        // Step 3: the coupon.
        let priced = price(&txn, user_id, &cmd, products, now).await?;
        let discount = priced.coupon.as_ref().map_or(0, |(_, d)| *d);
        let total = priced.subtotal - discount;

        // Step 4: the order, its lines, the coupon reservation and the timeline.
        let inserted = order::Entity::insert(order::ActiveModel {
            user_id: Set(user_id),
            status: Set(status::order::PENDING_PAYMENT.to_owned()),
            subtotal: Set(priced.subtotal),
            discount: Set(discount),
            total: Set(total),
            user_coupon_id: Set(priced.coupon.as_ref().map(|(uc, _)| uc.id)),
            expires_at: Set(expires_at),
            idempotency_key: Set(cmd.idempotency_key.as_ref().map(|k| k.as_str().to_owned())),
            request_fingerprint: Set(cmd.idempotency_key.as_ref().map(|_| fingerprint.clone())),
            ship_recipient: Set(cmd.shipping.as_ref().map(|s| s.recipient.clone())),
            ship_phone: Set(cmd.shipping.as_ref().map(|s| s.phone.clone())),
            ship_postal_code: Set(cmd.shipping.as_ref().map(|s| s.postal_code.clone())),
            ship_address1: Set(cmd.shipping.as_ref().map(|s| s.address1.clone())),
            ship_address2: Set(cmd.shipping.as_ref().and_then(|s| s.address2.clone())),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec_with_returning(&txn)
        .await;
        let placed = match inserted {
            Ok(model) => model,
            // Only (user_id, idempotency_key) is unique on orders: a concurrent twin committed first.
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                txn.rollback().await?;
                let key = cmd.idempotency_key.as_ref().ok_or(DomainError::Db(e))?;
                return self
                    .find_by_idempotency_key(user_id, key, &fingerprint)
                    .await?
                    .ok_or(DomainError::IdempotencyConflict);
            }
            Err(e) => return Err(e.into()),
        };
        let order_id = placed.id;
        tracing::Span::current().record("order_id", order_id);

        let mut timeline = vec![(status::event::PLACED, Some(format!("total {total}")))];
        if let Some((uc, _)) = &priced.coupon {
            let res = user_coupon::Entity::update_many()
                .col_expr(user_coupon::Column::Status, Expr::value(status::user_coupon::RESERVED))
                .col_expr(user_coupon::Column::OrderId, Expr::value(order_id))
                .col_expr(user_coupon::Column::UpdatedAt, Expr::value(now))
                .filter(user_coupon::Column::Id.eq(uc.id))
                .filter(user_coupon::Column::Status.eq(status::user_coupon::AVAILABLE))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 {
                // Another order took it between our read and this update.
                return Err(DomainError::InvalidCoupon(CouponRejection::Reserved));
            }
            timeline.push((status::event::COUPON_RESERVED, Some(format!("coupon {}", uc.id))));
        }
        let items: Vec<order_item::ActiveModel> = cmd
            .lines
            .lines()
            .iter()
            .map(|l| {
                let p = &priced.products[&l.product_id];
                order_item::ActiveModel {
                    order_id: Set(order_id),
                    product_id: Set(l.product_id),
                    product_name: Set(p.name.clone()),
                    unit_price: Set(p.price),
                    quantity: Set(l.quantity),
                    line_total: Set(p.price * i64::from(l.quantity)),
                    ..Default::default()
                }
            })
            .collect();
        // Returned rows instead of a read after the commit: the answer costs no extra round trip.
        let lines = order_item::Entity::insert_many(items).exec_with_returning(&txn).await?;
        events::record(&txn, order_id, now, timeline).await?;
        // Step 2 for real, last: a product row is the hot row of a sale, so its lock is taken just
        // before the commit and held for one statement per line (ascending id order, no deadlock).
        take_stock(&txn, &cmd.lines, now).await?;
        txn.commit().await?;

        // Step 5: only after the commit, schedule the expiry. Failure never fails the placing.
        self.after_placed(order_id, expires_at).await;
        Ok(Placed { order: OrderView::new(placed, lines), created: true })
    }

    /// The amounts placing would charge, checked exactly as placing checks them; writes nothing.
    #[tracing::instrument(skip(self, cmd))]
    pub async fn quote(&self, user_id: i64, cmd: &PlaceOrder) -> DomainResult<Quote> {
        let now = self.clock.now();
        let products = load_products(&self.db, &cmd.lines).await?;
        check_stock(&products, &cmd.lines)?;
        let priced = price(&self.db, user_id, cmd, products, now).await?;
        let discount = priced.coupon.map_or(0, |(_, d)| d);
        Ok(Quote { subtotal: priced.subtotal, discount, total: priced.subtotal - discount })
    }

    async fn after_placed(&self, order_id: i64, expires_at: DateTime<Utc>) {
        let (kind, detail) = match self.scheduler.order_placed(order_id, expires_at).await {
            ScheduleOutcome::Scheduled { run_at, job_id } => {
                (status::event::EXPIRY_SCHEDULED, format!("job {job_id} runs at {}", run_at.to_rfc3339()))
            }
            ScheduleOutcome::Failed { reason } => {
                crate::metrics::expiry_enqueue_failed();
                tracing::warn!(order_id, %reason, "expiry job not enqueued; the sweep will expire the order");
                (status::event::EXPIRY_ENQUEUE_FAILED, reason)
            }
            ScheduleOutcome::NotScheduled => return,
        };
        if let Err(e) = events::record(&self.db, order_id, self.clock.now(), [(kind, Some(detail))]).await {
            tracing::error!(order_id, error = %e, "could not record the expiry scheduling event");
        }
    }

    async fn find_by_idempotency_key(
        &self,
        user_id: i64,
        key: &IdempotencyKey,
        fingerprint: &str,
    ) -> DomainResult<Option<Placed>> {
        let found = order::Entity::find()
            .filter(order::Column::UserId.eq(user_id))
            .filter(order::Column::IdempotencyKey.eq(key.as_str()))
            .one(&self.db)
            .await?;
        let Some(found) = found else { return Ok(None) };
        if found.request_fingerprint.as_deref() != Some(fingerprint) {
            return Err(DomainError::IdempotencyConflict);
        }
        let order = self.load_order(found.id).await?.ok_or(DomainError::NotFound)?;
        Ok(Some(Placed { order, created: false }))
    }

    pub(crate) async fn load_order(&self, order_id: i64) -> DomainResult<Option<OrderView>> {
        super::queries::order_view(&self.db, order_id).await
    }
}

/// Step 1: every line names a product that exists and is on sale.
async fn load_products<C: ConnectionTrait>(db: &C, lines: &OrderLines) -> DomainResult<HashMap<i64, product::Model>> {
    let products: HashMap<i64, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(lines.product_ids()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for line in lines.lines() {
        match products.get(&line.product_id) {
            Some(p) if p.status == status::product::ON_SALE => {}
            _ => return Err(DomainError::InvalidProduct { product_id: line.product_id }),
        }
    }
    Ok(products)
}

/// Step 2 on the products as read: every line fits in the stock.
fn check_stock(products: &HashMap<i64, product::Model>, lines: &OrderLines) -> DomainResult<()> {
    match lines.lines().iter().find(|l| products[&l.product_id].stock < i64::from(l.quantity)) {
        Some(l) => Err(DomainError::OutOfStock { product_id: l.product_id }),
        None => Ok(()),
    }
}

/// Step 2's writes: one conditional update per product in ascending id order. A line that no
/// longer fits (a concurrent order took the stock since it was read) refuses the whole order.
async fn take_stock<C: ConnectionTrait>(db: &C, lines: &OrderLines, now: DateTime<Utc>) -> DomainResult<()> {
    for line in lines.lines() {
        let res = product::Entity::update_many()
            .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).sub(i64::from(line.quantity)))
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(line.product_id))
            .filter(product::Column::Stock.gte(i64::from(line.quantity)))
            .exec(db)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::OutOfStock { product_id: line.product_id });
        }
    }
    Ok(())
}

/// Subtotal from current prices, and the coupon's discount after the checks of step 3.
async fn price<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    cmd: &PlaceOrder,
    products: HashMap<i64, product::Model>,
    now: DateTime<Utc>,
) -> DomainResult<Priced> {
    let subtotal = cmd.lines.lines().iter().map(|l| products[&l.product_id].price * i64::from(l.quantity)).sum::<i64>();
    let coupon = match cmd.coupon_id {
        None => None,
        Some(id) => Some(check_coupon(db, user_id, id, subtotal, now).await?),
    };
    Ok(Priced { products, subtotal, coupon })
}

async fn check_coupon<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    user_coupon_id: i64,
    subtotal: i64,
    now: DateTime<Utc>,
) -> DomainResult<(user_coupon::Model, i64)> {
    let reject = |r| DomainError::InvalidCoupon(r);
    let uc = user_coupon::Entity::find_by_id(user_coupon_id).one(db).await?.ok_or(reject(CouponRejection::NotFound))?;
    if uc.user_id != user_id {
        return Err(reject(CouponRejection::NotOwner));
    }
    crate::coupons::judge_status(&uc.status).map_err(reject)?;
    let c = coupon::Entity::find_by_id(uc.coupon_id).one(db).await?.ok_or(reject(CouponRejection::NotFound))?;
    let discount = crate::coupons::judge(&c, subtotal, now)?;
    Ok((uc, discount))
}
