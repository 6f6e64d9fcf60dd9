//! The catalog service: products, their stock outside orders, categories, search and pictures.
mod bulk;
mod categories;
mod fields;
mod images;
mod options;
mod products;
mod search;
mod stock_adjustments;
mod stock_log;
mod variants;
mod views;

pub use bulk::{BulkAction, MAX_BULK};
pub use categories::{CategoryRef, CategoryView, parse_slug};
pub use images::{ImageView, LARGE_BOX, MAX_UPLOAD_BYTES, Rendition, THUMB_BOX, media_url, renditions};
pub use options::{Choice, MAX_OPTIONS, MAX_VALUES, MAX_VARIANTS, Options, ProductOption};
pub use products::{NewProduct, ProductPatch};
pub use search::{Browse, ProductQuery, ProductSort};
pub use variants::{NewVariant, VariantPatch, VariantView};
pub use views::ProductView;

use crate::context::Ctx;

/// Products, their stock, categories, search and images (`facade.catalog()`).
#[derive(Clone, Copy)]
pub struct Catalog<'a> {
    ctx: &'a Ctx,
}

impl<'a> Catalog<'a> {
    pub(crate) fn new(ctx: &'a Ctx) -> Self {
        Self { ctx }
    }
}
