//! Placing, paying, cancelling and expiring orders.
mod admin;
mod cancel;
mod events;
mod expire;
mod pay;
mod place;
mod place_checks;
mod place_writes;
mod queries;
mod read;
mod refund;
mod release;
mod row_writes;
mod settle;

pub use admin::{AdminOrder, OrderFilter, StatusCounts, StatusFilter, admin_orders_query};
pub(crate) use place::Job as PlacingJob;
pub use place::PlaceOrder;
pub use settle::Reconciled;

/// Orders taken per sweep transaction (a few statements per batch, whatever its size): see
/// [`crate::Orders::expire_all_due`].
pub const SWEEP_BATCH: u64 = 500;
