//! The coupon rule (`docs/domain.md`, placing step 3, and Discounts): whether a shopper may use an
//! issued coupon on an order now, and the discount it gives. Placing, quoting, the checkout's
//! coupon list, the shopper's coupon page (expired or not) and a refund (does the coupon come
//! back?) all judge with these functions, and nothing else judges a coupon.
use chrono::{DateTime, Utc};

use crate::entities::{coupon, user_coupon};
use crate::error::CouponRejection;
use crate::status::{CouponKind, CouponStatus};
use crate::types::UserId;

/// Whether `user_id` may use the issued coupon `uc` (of campaign `c`) on an order of `subtotal`
/// goods at `now`, and if so the discount it gives. Checked in the contract's order: the owner,
/// the coupon's status, the campaign's window, its minimum order amount.
pub(crate) fn judge(
    uc: &user_coupon::Model,
    c: &coupon::Model,
    user_id: UserId,
    subtotal: i64,
    now: DateTime<Utc>,
) -> Result<i64, CouponRejection> {
    if uc.user_id != user_id.0 {
        return Err(CouponRejection::NotOwner);
    }
    match uc.status {
        CouponStatus::Available => {}
        CouponStatus::Reserved => return Err(CouponRejection::Reserved),
        CouponStatus::Used => return Err(CouponRejection::AlreadyUsed),
    }
    window(c, now)?;
    if subtotal < c.min_order_amount {
        return Err(CouponRejection::MinOrderNotMet);
    }
    Ok(discount(c.kind, c.value, c.max_discount, subtotal))
}

/// Whether `now` is inside the campaign's validity window: for using a coupon, for showing an
/// unused one as expired, and for a refund deciding whether the coupon goes back.
pub(crate) fn window(c: &coupon::Model, now: DateTime<Utc>) -> Result<(), CouponRejection> {
    if now < c.valid_from {
        return Err(CouponRejection::NotYetValid);
    }
    if c.valid_until.is_some_and(|until| now >= until) {
        return Err(CouponRejection::Expired);
    }
    Ok(())
}

/// `fixed`: min(value, subtotal). `percent`: floor(subtotal * pct / 100), capped by
/// `max_discount`. The result never exceeds the subtotal, so the total never goes below 0.
pub fn discount(kind: CouponKind, value: i64, max_discount: Option<i64>, subtotal: i64) -> i64 {
    let raw = match kind {
        CouponKind::Fixed => value.min(subtotal),
        // i128: subtotal * 100 cannot overflow; floor because both are non-negative.
        CouponKind::Percent => i64::try_from(i128::from(subtotal) * i128::from(value) / 100).unwrap_or(i64::MAX),
    };
    let capped = match max_discount {
        Some(cap) => raw.min(cap),
        None => raw,
    };
    capped.clamp(0, subtotal)
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn fixed_discount_never_exceeds_subtotal() {
        assert_eq!(discount(CouponKind::Fixed, 3_000, None, 10_000), 3_000);
        assert_eq!(discount(CouponKind::Fixed, 3_000, None, 2_500), 2_500);
    }

    #[test]
    fn percent_discount_rounds_down_and_is_capped() {
        assert_eq!(discount(CouponKind::Percent, 10, None, 12_345), 1_234);
        assert_eq!(discount(CouponKind::Percent, 15, None, 999), 149);
        assert_eq!(discount(CouponKind::Percent, 10, Some(1_000), 50_000), 1_000);
        assert_eq!(discount(CouponKind::Percent, 100, None, 7_000), 7_000);
    }

    #[test]
    fn a_coupon_is_judged_owner_then_status_then_window_then_minimum() {
        let now = Utc::now();
        let c = coupon::Model {
            id: 1,
            name: "10%".into(),
            kind: CouponKind::Percent,
            value: 10,
            max_discount: None,
            min_order_amount: 10_000,
            valid_from: now - Duration::days(1),
            valid_until: Some(now + Duration::days(1)),
            quantity: None,
            issued_count: 1,
            created_at: now,
        };
        let uc = user_coupon::Model {
            id: 7,
            user_id: 3,
            coupon_id: 1,
            status: CouponStatus::Available,
            order_id: None,
            issued_at: now,
            updated_at: now,
        };
        assert_eq!(judge(&uc, &c, UserId(3), 20_000, now), Ok(2_000));
        assert_eq!(judge(&uc, &c, UserId(4), 20_000, now), Err(CouponRejection::NotOwner));
        let used = user_coupon::Model { status: CouponStatus::Used, ..uc.clone() };
        assert_eq!(judge(&used, &c, UserId(4), 20_000, now), Err(CouponRejection::NotOwner));
        assert_eq!(judge(&used, &c, UserId(3), 20_000, now), Err(CouponRejection::AlreadyUsed));
        let reserved = user_coupon::Model { status: CouponStatus::Reserved, ..uc.clone() };
        assert_eq!(judge(&reserved, &c, UserId(3), 20_000, now), Err(CouponRejection::Reserved));
        assert_eq!(judge(&uc, &c, UserId(3), 20_000, now + Duration::days(2)), Err(CouponRejection::Expired));
        assert_eq!(judge(&uc, &c, UserId(3), 20_000, now - Duration::days(2)), Err(CouponRejection::NotYetValid));
        assert_eq!(judge(&uc, &c, UserId(3), 9_999, now), Err(CouponRejection::MinOrderNotMet));
        // The window's end is exclusive.
        assert_eq!(window(&c, now + Duration::days(1)), Err(CouponRejection::Expired));
    }
}
