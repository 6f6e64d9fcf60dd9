//! What the facade returns: plain data, ready for the API and the pages to map.
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::entities::{coupon, order, order_event, order_item, product, user, user_coupon};
use crate::status::{CancelReason, CouponState, CouponStatus, EventKind, OrderStatus, ProductStatus, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub status: ProductStatus,
    /// The product's shelf, or none.
    pub category: Option<crate::catalog_query::CategoryRef>,
    /// In the order shown; the first is the main image. Possibly empty.
    pub images: Vec<crate::media::ImageView>,
    /// When it was added to the catalog (the `newest` order).
    pub created_at: DateTime<Utc>,
}

/// Without category and images: [`crate::catalog_query::product_views`] adds them.
impl From<product::Model> for ProductView {
    fn from(p: product::Model) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            price: p.price,
            stock: p.stock,
            status: p.status,
            category: None,
            images: Vec::new(),
            created_at: p.created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItemView {
    pub product_id: i64,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price: i64,
    pub line_total: i64,
}

impl From<order_item::Model> for OrderItemView {
    fn from(i: order_item::Model) -> Self {
        Self {
            product_id: i.product_id,
            product_name: i.product_name,
            quantity: i.quantity,
            unit_price: i.unit_price,
            line_total: i.line_total,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub id: i64,
    pub user_id: i64,
    pub status: OrderStatus,
    pub cancel_reason: Option<CancelReason>,
    pub items: Vec<OrderItemView>,
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
    /// The issued coupon (user_coupon) this order holds or used.
    pub coupon_id: Option<i64>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Where it goes, as given when it was placed.
    pub shipping: Option<crate::types::Shipping>,
}

impl OrderView {
    pub fn new(o: order::Model, items: Vec<order_item::Model>) -> Self {
        Self {
            id: o.id,
            user_id: o.user_id,
            status: o.status,
            cancel_reason: o.cancel_reason,
            items: items.into_iter().map(Into::into).collect(),
            subtotal: o.subtotal,
            discount: o.discount,
            total: o.total,
            coupon_id: o.user_coupon_id,
            expires_at: o.expires_at,
            paid_at: o.paid_at,
            cancelled_at: o.cancelled_at,
            created_at: o.created_at,
            shipping: match (o.ship_recipient, o.ship_phone, o.ship_postal_code, o.ship_address1) {
                (Some(recipient), Some(phone), Some(postal_code), Some(address1)) => {
                    Some(crate::types::Shipping { recipient, phone, postal_code, address1, address2: o.ship_address2 })
                }
                _ => None,
            },
        }
    }
}

/// The result of placing: `created` is false when an idempotent retry returned an earlier order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub order: OrderView,
    pub created: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEventView {
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub detail: Option<String>,
}

impl From<order_event::Model> for OrderEventView {
    fn from(e: order_event::Model) -> Self {
        Self { kind: e.kind, at: e.at, detail: e.detail }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

impl From<user::Model> for UserView {
    fn from(u: user::Model) -> Self {
        Self { id: u.id, email: u.email, role: u.role }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponView {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub value: i64,
    pub max_discount: Option<i64>,
    pub min_order_amount: i64,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub quantity: Option<i64>,
    pub issued_count: i64,
}

impl From<coupon::Model> for CouponView {
    fn from(c: coupon::Model) -> Self {
        Self {
            id: c.id,
            name: c.name,
            kind: c.kind,
            value: c.value,
            max_discount: c.max_discount,
            min_order_amount: c.min_order_amount,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            quantity: c.quantity,
            issued_count: c.issued_count,
        }
    }
}

/// An issued coupon as its holder sees it. `status` reads `expired` once the window has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCouponView {
    pub id: i64,
    pub coupon_id: i64,
    pub name: String,
    pub kind: String,
    pub value: i64,
    pub max_discount: Option<i64>,
    pub min_order_amount: i64,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub status: CouponState,
    pub order_id: Option<i64>,
}

impl IssuedCouponView {
    pub fn new(uc: user_coupon::Model, c: coupon::Model, now: DateTime<Utc>) -> Self {
        let expired = uc.status == CouponStatus::Available && c.valid_until.is_some_and(|u| u <= now);
        let status = match uc.status {
            _ if expired => CouponState::Expired,
            CouponStatus::Available => CouponState::Available,
            CouponStatus::Reserved => CouponState::Reserved,
            CouponStatus::Used => CouponState::Used,
        };
        Self {
            id: uc.id,
            coupon_id: c.id,
            name: c.name,
            kind: c.kind,
            value: c.value,
            max_discount: c.max_discount,
            min_order_amount: c.min_order_amount,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            status,
            order_id: uc.order_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}
