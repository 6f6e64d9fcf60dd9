//! Products as the catalog shows them: their fields, their shelf and their pictures.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use super::categories::CategoryRef;
use super::images::{ImageView, images_of};
use super::options::{Options, ProductOption};
use super::variants::{VariantView, variants_of};
use crate::entities::{category, product};
use crate::error::{DomainError, DomainResult};
use crate::status::ProductStatus;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub status: ProductStatus,
    /// The product's shelf, or none.
    pub category: Option<CategoryRef>,
    /// In the order shown; the first is the main image. Possibly empty.
    pub images: Vec<ImageView>,
    /// When it was added to the catalog (the `newest` order).
    pub created_at: DateTime<Utc>,
    /// The option names and values in order; empty for a product without options.
    pub options: Vec<ProductOption>,
    /// Its variants (empty without options). With them, `price` is the lowest on-sale variant's
    /// and `stock` their sum.
    pub variants: Vec<VariantView>,
}

impl ProductView {
    pub fn has_options(&self) -> bool {
        !self.options.is_empty()
    }

    /// Whether shoppers pay different prices for its variants (the card shows "from").
    pub fn price_varies(&self) -> bool {
        let mut on_sale = self.variants.iter().filter(|v| v.status == ProductStatus::OnSale).map(|v| v.price);
        on_sale.next().is_some_and(|first| on_sale.any(|p| p != first))
    }

    pub fn variant(&self, variant_id: i64) -> Option<&VariantView> {
        self.variants.iter().find(|v| v.id == variant_id)
    }
}

/// Without category and images: [`product_views`] adds them.
impl From<product::Model> for ProductView {
    fn from(p: product::Model) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            price: p.price,
            stock: p.stock,
            status: p.status,
            category: None,
            images: Vec::new(),
            created_at: p.created_at,
            options: Options::stored(&p.options).into_list(),
            variants: Vec::new(),
        }
    }
}

/// Products as the catalog shows them: with their category and images (two reads for any number
/// of products).
pub(crate) async fn product_views<C: ConnectionTrait>(
    db: &C,
    models: Vec<product::Model>,
) -> DomainResult<Vec<ProductView>> {
    let ids: Vec<i64> = models.iter().map(|p| p.id).collect();
    let mut category_ids: Vec<i64> = models.iter().filter_map(|p| p.category_id).collect();
    category_ids.sort_unstable();
    category_ids.dedup();
    let categories = if category_ids.is_empty() {
        Vec::new()
    } else {
        category::Entity::find().filter(category::Column::Id.is_in(category_ids)).all(db).await?
    };
    let images = images_of(db, &ids).await?;
    let views = dress(models, images, |id| {
        categories.iter().find(|c| c.id == id).map(|c| CategoryRef { slug: c.slug.clone(), name: c.name.clone() })
    });
    with_variants(db, views).await
}

/// Products with options get their variants, and their stock is the variants' sum (one read, and
/// none when no product of the page has options).
pub(super) async fn with_variants<C: ConnectionTrait>(
    db: &C,
    mut views: Vec<ProductView>,
) -> DomainResult<Vec<ProductView>> {
    let ids: Vec<i64> = views.iter().filter(|v| v.has_options()).map(|v| v.id).collect();
    if ids.is_empty() {
        return Ok(views);
    }
    let mut variants = variants_of(db, ids).await?;
    for view in views.iter_mut().filter(|v| v.has_options()) {
        view.variants = variants.remove(&view.id).unwrap_or_default();
        view.stock = view.variants.iter().map(|v| v.stock).sum();
    }
    Ok(views)
}

/// Products with their images and their category (`category_of` a category id).
pub(super) fn dress(
    models: Vec<product::Model>,
    images: Vec<crate::entities::product_image::Model>,
    category_of: impl Fn(i64) -> Option<CategoryRef>,
) -> Vec<ProductView> {
    models
        .into_iter()
        .map(|p| {
            let category = p.category_id.and_then(&category_of);
            let images: Vec<ImageView> =
                images.iter().filter(|i| i.product_id == p.id).cloned().map(Into::into).collect();
            let mut view = ProductView::from(p);
            view.category = category;
            view.images = images;
            view
        })
        .collect()
}

/// One product with its category and images.
pub(super) async fn one_view<C: ConnectionTrait>(db: &C, p: product::Model) -> DomainResult<ProductView> {
    product_views(db, vec![p]).await?.pop().ok_or(DomainError::NotFound)
}
