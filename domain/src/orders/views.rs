//! Orders as the shopper, the admin and the API read them.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::catalog::Choice;
use crate::entities::{order, order_event, order_item};
use crate::status::{CancelReason, EventKind, OrderStatus};
use crate::types::UserId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItemView {
    pub product_id: i64,
    pub product_name: String,
    pub quantity: i32,
    /// The variant's price as placed, for a product with options.
    pub unit_price: i64,
    pub line_total: i64,
    /// The variant bought; null for a product without options.
    pub variant_id: Option<i64>,
    /// Its option values as placed (name -> value); null for a product without options.
    pub options: Option<BTreeMap<String, String>>,
    /// The same values as shoppers read them, in the product's option order: `블랙 / L`.
    #[serde(skip)]
    pub options_label: Option<String>,
}

impl From<order_item::Model> for OrderItemView {
    fn from(i: order_item::Model) -> Self {
        let choice = i.options.as_deref().map(Choice::stored);
        Self {
            product_id: i.product_id,
            product_name: i.product_name,
            quantity: i.quantity,
            unit_price: i.unit_price,
            line_total: i.line_total,
            variant_id: i.variant_id,
            options: choice.as_ref().map(Choice::as_map),
            options_label: choice.as_ref().map(Choice::label),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub id: i64,
    pub user_id: UserId,
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
            user_id: UserId(o.user_id),
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
