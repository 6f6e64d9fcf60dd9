//! The coupons service: campaigns, issuing and claiming, the coupon rule (`rule.rs`) and a coupon's
//! life with an order (`reservation.rs`).
mod campaigns;
mod checkout;
mod issue;
pub(crate) mod reservation;
pub(crate) mod rule;
mod views;

pub use campaigns::{CampaignEdit, CampaignStats, NewCoupon};
pub use checkout::CouponChoice;
pub use rule::discount;
pub use views::{CouponView, IssuedCouponView};

pub use crate::status::CouponKind;

use crate::context::Ctx;

/// Coupons, campaigns, claiming, and which of a shopper's coupons fit a cart (`facade.coupons()`).
#[derive(Clone, Copy)]
pub struct Coupons<'a> {
    ctx: &'a Ctx,
}

impl<'a> Coupons<'a> {
    pub(crate) fn new(ctx: &'a Ctx) -> Self {
        Self { ctx }
    }
}
