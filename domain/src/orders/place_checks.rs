//! Steps 1-3 of placing (product -> stock -> coupon) for one order or a batch: everything is read
//! in a few queries, then each order is judged in memory in arrival order, as if the batch's
//! orders had been placed one after another. The conditional updates of `place_writes` decide.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::amounts::{self, Priced};
use super::request::PlaceOrder;
use super::stock::Row;
use crate::coupons;
use crate::entities::{coupon, product, product_variant, user_coupon};
use crate::error::{CouponRejection, DomainError, DomainResult};
use crate::status::ProductStatus;
use crate::types::{OrderLine, UserId};

/// What the orders being judged name, as read.
pub(super) struct Snapshot {
    pub(super) products: HashMap<i64, product::Model>,
    /// The variants the orders name.
    pub(super) variants: HashMap<i64, product_variant::Model>,
    user_coupons: HashMap<i64, user_coupon::Model>,
    coupons: HashMap<i64, coupon::Model>,
}

/// What the orders accepted so far in a batch took from the snapshot.
#[derive(Default)]
pub(super) struct Taken {
    stock: HashMap<Row, i64>,
    coupons: HashSet<i64>,
}

impl Snapshot {
    /// Reads every product and issued coupon the orders name, and the coupons' campaigns.
    pub(super) async fn load<'a, C: ConnectionTrait>(
        db: &C,
        orders: impl Iterator<Item = &'a PlaceOrder> + Clone,
    ) -> Result<Self, DbErr> {
        let product_ids: HashSet<i64> = orders.clone().flat_map(|o| o.lines.product_ids()).collect();
        let products =
            by_id(product::Entity::find().filter(product::Column::Id.is_in(product_ids)).all(db).await?, |p| p.id);
        let variant_ids: HashSet<i64> = orders.clone().flat_map(|o| o.lines.variant_ids()).collect();
        let variants = if variant_ids.is_empty() {
            HashMap::new()
        } else {
            by_id(
                product_variant::Entity::find().filter(product_variant::Column::Id.is_in(variant_ids)).all(db).await?,
                |v| v.id,
            )
        };
        let coupon_ids: HashSet<i64> = orders.filter_map(|o| o.coupon_id).collect();
        if coupon_ids.is_empty() {
            return Ok(Self { products, variants, user_coupons: HashMap::new(), coupons: HashMap::new() });
        }
        let user_coupons =
            by_id(user_coupon::Entity::find().filter(user_coupon::Column::Id.is_in(coupon_ids)).all(db).await?, |uc| {
                uc.id
            });
        let campaign_ids: HashSet<i64> = user_coupons.values().map(|uc| uc.coupon_id).collect();
        let coupons =
            by_id(coupon::Entity::find().filter(coupon::Column::Id.is_in(campaign_ids)).all(db).await?, |c| c.id);
        Ok(Self { products, variants, user_coupons, coupons })
    }

    /// Judges one order after the orders already accepted (`taken`), and on success counts what it
    /// takes. Error precedence per order: product, then stock, then coupon.
    pub(super) fn judge(
        &self,
        user_id: UserId,
        order: &PlaceOrder,
        taken: &mut Taken,
        now: DateTime<Utc>,
    ) -> DomainResult<Priced> {
        let lines = order.lines.lines();
        // Step 1: every line names a product that exists and is on sale - and, for a product with
        // options, one of its variants that is on sale.
        let mut prices = Vec::with_capacity(lines.len());
        for line in lines {
            prices.push(self.sellable(line)?);
        }
        // Step 2 as read: refuse a sold-out line before writing anything (the common refusal of a
        // flash sale stays cheap).
        for line in lines {
            let row = Row::of(line);
            let stock = match row {
                Row::Product(id) => self.products[&id].stock,
                Row::Variant(id) => self.variants[&id].stock,
            };
            if stock - taken.stock.get(&row).copied().unwrap_or(0) < i64::from(line.quantity) {
                return Err(DomainError::OutOfStock { product_id: line.product_id, variant_id: line.variant_id });
            }
        }
        let subtotal =
            amounts::subtotal(lines.iter().zip(&prices).map(|(l, &price)| amounts::line_total(price, l.quantity)));
        // Step 3: the coupon.
        let coupon = match order.coupon_id {
            None => None,
            Some(id) => {
                Some((id, self.judge_coupon(user_id, id, subtotal, taken, now).map_err(DomainError::InvalidCoupon)?))
            }
        };
        for line in lines {
            *taken.stock.entry(Row::of(line)).or_default() += i64::from(line.quantity);
        }
        if let Some((id, _)) = coupon {
            taken.coupons.insert(id);
        }
        Ok(Priced { subtotal, coupon })
    }

    /// The unit price of a line whose product (and variant) is on sale; the refusal otherwise.
    pub(super) fn sellable(&self, line: &OrderLine) -> DomainResult<i64> {
        let product_id = line.product_id;
        let p = match self.products.get(&product_id) {
            Some(p) if p.status == ProductStatus::OnSale => p,
            _ => return Err(DomainError::invalid_product(product_id)),
        };
        let has_options = p.has_options();
        match line.variant_id {
            None if has_options => {
                Err(DomainError::InvalidProduct { product_id, variant_id: None, variant_required: true })
            }
            None => Ok(p.price),
            Some(variant_id) => match self.variants.get(&variant_id) {
                Some(v) if has_options && v.product_id == product_id && v.status == ProductStatus::OnSale => {
                    Ok(v.price)
                }
                _ => Err(DomainError::InvalidProduct {
                    product_id,
                    variant_id: Some(variant_id),
                    variant_required: false,
                }),
            },
        }
    }

    fn judge_coupon(
        &self,
        user_id: UserId,
        user_coupon_id: i64,
        subtotal: i64,
        taken: &Taken,
        now: DateTime<Utc>,
    ) -> Result<i64, CouponRejection> {
        let uc = self.user_coupons.get(&user_coupon_id).ok_or(CouponRejection::NotFound)?;
        let c = self.coupons.get(&uc.coupon_id).ok_or(CouponRejection::NotFound)?;
        if uc.user_id == user_id.0 && taken.coupons.contains(&user_coupon_id) {
            // An earlier order of the same batch reserves it.
            return Err(CouponRejection::Reserved);
        }
        coupons::rule::judge(uc, c, user_id, subtotal, now)
    }
}

fn by_id<M>(rows: Vec<M>, id: impl Fn(&M) -> i64) -> HashMap<i64, M> {
    rows.into_iter().map(|m| (id(&m), m)).collect()
}
