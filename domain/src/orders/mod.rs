//! Placing, paying, cancelling and expiring orders.
mod cancel;
mod events;
mod expire;
mod pay;
mod place;
mod queries;
mod read;
mod release;

pub use place::PlaceOrder;
