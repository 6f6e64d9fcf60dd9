//! Placing, paying, cancelling and expiring orders.
mod admin;
mod cancel;
mod events;
mod expire;
mod pay;
mod place;
mod queries;
mod read;
mod release;

pub use admin::{AdminOrder, parse_status_filter};
pub use place::PlaceOrder;
