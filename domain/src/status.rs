//! The states of `domain.md`, as stored in the database.

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
