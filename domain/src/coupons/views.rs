//! Campaigns and issued coupons as the pages and the API see them.
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::entities::{coupon, user_coupon};
use crate::status::{CouponKind, CouponState, CouponStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponView {
    pub id: i64,
    pub name: String,
    pub kind: CouponKind,
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
    pub kind: CouponKind,
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
