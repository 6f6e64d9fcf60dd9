//! The operations service: what operators and the worker's sweep run - the dashboard, the sweep's
//! record, purges, demo data.
mod dashboard;
mod demo_images;
mod purges;
pub mod seed;

pub use dashboard::{Dashboard, LOW_STOCK, NEAR_EXPIRY, NearExpiry};
pub use seed::Seeded;

use crate::context::Ctx;

/// What operators and the worker's sweep run: the dashboard, purges, demo data
/// (`facade.operations()`).
#[derive(Clone, Copy)]
pub struct Operations<'a> {
    ctx: &'a Ctx,
}

impl<'a> Operations<'a> {
    pub(crate) fn new(ctx: &'a Ctx) -> Self {
        Self { ctx }
    }
}
