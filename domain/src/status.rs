//! The states of `docs/domain.md`, as stored in the database.

pub mod order {
    pub const PENDING_PAYMENT: &str = "pending_payment";
    pub const PAID: &str = "paid";
    pub const CANCELLED: &str = "cancelled";
    pub const REFUNDED: &str = "refunded";
}

pub mod cancel_reason {
    pub const EXPIRED: &str = "expired";
    pub const BY_CUSTOMER: &str = "by_customer";
    pub const BY_ADMIN: &str = "by_admin";
}

pub mod user_coupon {
    pub const AVAILABLE: &str = "available";
    pub const RESERVED: &str = "reserved";
    pub const USED: &str = "used";
}

pub mod product {
    pub const ON_SALE: &str = "on_sale";
    pub const STOPPED: &str = "stopped";
}

pub mod role {
    pub const SHOPPER: &str = "shopper";
    pub const ADMIN: &str = "admin";
}

pub mod event {
    pub const PLACED: &str = "placed";
    pub const COUPON_RESERVED: &str = "coupon_reserved";
    pub const EXPIRY_SCHEDULED: &str = "expiry_scheduled";
    pub const EXPIRY_ENQUEUE_FAILED: &str = "expiry_enqueue_failed";
    pub const PAID: &str = "paid";
    pub const COUPON_USED: &str = "coupon_used";
    pub const CANCELLED: &str = "cancelled";
    pub const STOCK_RESTORED: &str = "stock_restored";
    pub const COUPON_RELEASED: &str = "coupon_released";
    pub const REFUNDED: &str = "refunded";
    /// Shop staff's internal note (the detail is `author: text`).
    pub const NOTE: &str = "note";
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
