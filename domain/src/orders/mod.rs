//! Placing, paying, cancelling and expiring orders.
mod admin;
mod cancel;
mod events;
mod expire;
mod pay;
mod place;
mod queries;
mod read;
mod refund;
mod release;
mod settle;

pub use admin::{AdminOrder, OrderFilter, StatusCounts, StatusFilter, admin_orders_query};
pub use place::PlaceOrder;
pub use settle::Reconciled;
