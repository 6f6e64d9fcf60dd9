//! The states of `docs/domain.md`, as stored in the database: the spellings of the enums in
//! `contract` (which the pages and the browser build share), as constants for queries and rows.
pub use contract::{CancelReason, CouponState, CouponStatus, EventKind, OrderState, OrderStatus, ProductStatus, Role};

pub mod order {
    use contract::OrderStatus as S;
    pub const PENDING_PAYMENT: &str = S::PendingPayment.as_str();
    pub const PAID: &str = S::Paid.as_str();
    pub const CANCELLED: &str = S::Cancelled.as_str();
    pub const REFUNDED: &str = S::Refunded.as_str();
}

pub mod cancel_reason {
    use contract::CancelReason as R;
    pub const EXPIRED: &str = R::Expired.as_str();
    pub const BY_CUSTOMER: &str = R::ByCustomer.as_str();
    pub const BY_ADMIN: &str = R::ByAdmin.as_str();
}

pub mod user_coupon {
    use contract::CouponStatus as S;
    pub const AVAILABLE: &str = S::Available.as_str();
    pub const RESERVED: &str = S::Reserved.as_str();
    pub const USED: &str = S::Used.as_str();
}

pub mod product {
    use contract::ProductStatus as S;
    pub const ON_SALE: &str = S::OnSale.as_str();
    pub const STOPPED: &str = S::Stopped.as_str();
}

pub mod role {
    use contract::Role as R;
    pub const SHOPPER: &str = R::Shopper.as_str();
    pub const ADMIN: &str = R::Admin.as_str();
}

pub mod event {
    use contract::EventKind as K;
    pub const PLACED: &str = K::Placed.as_str();
    pub const COUPON_RESERVED: &str = K::CouponReserved.as_str();
    pub const EXPIRY_SCHEDULED: &str = K::ExpiryScheduled.as_str();
    pub const EXPIRY_ENQUEUE_FAILED: &str = K::ExpiryEnqueueFailed.as_str();
    pub const PAID: &str = K::Paid.as_str();
    pub const COUPON_USED: &str = K::CouponUsed.as_str();
    pub const CANCELLED: &str = K::Cancelled.as_str();
    pub const STOCK_RESTORED: &str = K::StockRestored.as_str();
    pub const COUPON_RELEASED: &str = K::CouponReleased.as_str();
    pub const REFUNDED: &str = K::Refunded.as_str();
    /// Shop staff's internal note (the detail is `author: text`).
    pub const NOTE: &str = K::Note.as_str();
}

/// A try to pay an order (`payment_attempts`): `charging` from before the gateway is asked until
/// the outcome is written; the reconciler finishes attempts left `charging` by a crash.
pub mod payment_attempt {
    pub const CHARGING: &str = "charging";
    pub const PAID: &str = "paid";
    /// Charged, but the order could not be paid (it expired or was cancelled): given back.
    pub const REFUNDED: &str = "refunded";
    pub const DECLINED: &str = "declined";
    /// The gateway has no charge under the key: the process stopped before charging.
    pub const NOT_CHARGED: &str = "not_charged";
    /// Charged, the order not paid, and the gateway refused the refund: staff must act.
    pub const REFUND_DECLINED: &str = "refund_declined";
}
