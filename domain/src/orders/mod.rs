//! Placing, paying, cancelling and expiring orders.
mod admin;
mod cancel;
mod events;
mod expire;
mod pay;
mod place;
mod place_checks;
mod place_writes;
pub(crate) mod placing_queue;
mod queries;
mod read;
mod refund;
mod release;
mod settle;

pub use admin::{AdminOrder, OrderFilter, StatusCounts, StatusFilter, admin_orders_query};
pub use place::PlaceOrder;
pub use settle::Reconciled;
