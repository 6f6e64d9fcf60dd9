//! The orders service: carts, placing, paying, cancelling, refunding and expiring orders, and the
//! shopper's and the admin's order pages. The rules each have one file: the amounts
//! (`amounts.rs`), taking and giving back stock (`stock.rs`), expiry (`expire.rs`); the coupon's
//! are the coupons service's (`coupons/rule.rs`, `coupons/reservation.rs`).
mod admin;
mod amounts;
mod cancel;
mod carts;
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
mod request;
mod settle;
mod stock;
mod views;

pub use crate::status::StatusFilter;
pub(crate) use admin::status_counts;
pub use admin::{AdminOrder, OrderFilter, StatusCounts, admin_orders_query, parse_status_filter};
pub use carts::{CartLines, merge as merge_carts};
pub(crate) use place::Job as PlacingJob;
pub use request::PlaceOrder;
pub use settle::Reconciled;
pub(crate) use stock::Row as StockRow;
pub use views::{OrderEventView, OrderItemView, OrderView, Placed, Quote};

use std::sync::Arc;

use crate::batch_queue::BatchQueue;
use crate::context::Ctx;

/// Orders taken per sweep transaction (a few statements per batch, whatever its size): see
/// [`Orders::expire_all_due`].
pub const SWEEP_BATCH: u64 = 500;

/// Carts, placing, paying, cancelling, refunding and expiring orders; the shopper's and the
/// admin's order pages (`facade.orders()`).
#[derive(Clone, Copy)]
pub struct Orders<'a> {
    ctx: &'a Ctx,
    placing: &'a Arc<BatchQueue<PlacingJob>>,
}

impl<'a> Orders<'a> {
    pub(crate) fn new(ctx: &'a Ctx, placing: &'a Arc<BatchQueue<PlacingJob>>) -> Self {
        Self { ctx, placing }
    }
}
