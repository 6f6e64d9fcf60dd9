//! The states of `docs/domain.md`: the enums live in `contract` (which the pages and the browser
//! build share) and are the entities' column types.
pub use contract::{
    CancelReason, CouponKind, CouponState, CouponStatus, EventKind, OrderState, OrderStatus, PaymentAttemptStatus,
    ProductStatus, Role, StatusFilter,
};
