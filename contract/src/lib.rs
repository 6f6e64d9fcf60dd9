//! What the shop's clients see of it, in one crate that both the server and the browser's wasm
//! build compile (it has no database and no web framework): the error codes of the JSON API and
//! of the pages' server functions, each with its one HTTP status; the fields and conflicts a
//! refusal names; and the states orders, coupons, products and accounts go through.
mod error_code;
mod events;
pub mod limits;
mod pick;
mod refusals;
mod states;

pub use error_code::ErrorCode;
pub use events::{OrderEvent, RestoredLine};
pub use pick::Pick;
pub use refusals::{Conflict, Field, Limit};
pub use states::{
    CancelReason, CouponKind, CouponState, CouponStatus, EventKind, OrderState, OrderStatus, PaymentAttemptStatus,
    ProductStatus, Role, StatusFilter, UnknownState,
};
