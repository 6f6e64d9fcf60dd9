//! The states of `docs/domain.md`: the enums live in `contract` (which the pages and the browser
//! build share) and are the entities' column types; a payment attempt's status is the domain's own.
pub use contract::{CancelReason, CouponState, CouponStatus, EventKind, OrderState, OrderStatus, ProductStatus, Role};

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
