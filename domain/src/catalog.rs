//! Products: the public catalog and the admin's changes to it. Every stock change that is not an
//! order is recorded in `stock_adjustments`.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::catalog_query::product_views;
use crate::entities::{category, product, stock_adjustment};
use crate::error::{DomainError, DomainResult};
use crate::facade::Catalog;
use crate::status::ProductStatus;
use crate::types::Money;
use crate::views::{Page, ProductView};

/// One product with its category and images.
async fn one_view<C: ConnectionTrait>(db: &C, p: product::Model) -> DomainResult<ProductView> {
    product_views(db, vec![p]).await?.pop().ok_or(DomainError::NotFound)
}

pub const MAX_PER_PAGE: u64 = 100;
/// The last page any listing serves: page x per_page must stay far inside the database's
/// 64-bit offsets (a page number near u64::MAX once overflowed into a panic).
pub const MAX_PAGE: u64 = 1_000_000;

/// `page` (from 1, at most [`MAX_PAGE`]) and `per_page` (1..=[`MAX_PER_PAGE`]) of every listing.
pub fn check_paging(page: u64, per_page: u64) -> DomainResult<()> {
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(DomainError::validation("page", format!("must be between 1 and {MAX_PAGE}")));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(DomainError::validation("per_page", format!("must be between 1 and {MAX_PER_PAGE}")));
    }
    Ok(())
}

/// Trimmed, 1..=200 characters.
pub(crate) fn parse_name(raw: &str) -> DomainResult<String> {
    let name = crate::types::clean_text("name", raw, 200, false)?;
    if name.is_empty() {
        return Err(DomainError::validation("name", "must be 1 to 200 characters"));
    }
    Ok(name)
}

fn parse_status(raw: &str) -> DomainResult<ProductStatus> {
    ProductStatus::parse(raw).ok_or_else(|| DomainError::validation("status", "must be on_sale or stopped"))
}

fn parse_stock(stock: i64) -> DomainResult<i64> {
    if (0..=1_000_000_000).contains(&stock) {
        Ok(stock)
    } else {
        Err(DomainError::validation("stock", "must be between 0 and 1000000000"))
    }
}

#[derive(Debug, Clone)]
pub struct NewProduct {
    name: String,
    description: String,
    price: i64,
    stock: i64,
    status: ProductStatus,
    /// A category slug.
    category: Option<String>,
}

impl NewProduct {
    pub fn parse(
        name: &str,
        description: Option<&str>,
        price: i64,
        stock: i64,
        status: Option<&str>,
    ) -> DomainResult<Self> {
        let description = crate::types::clean_text("description", description.unwrap_or_default(), 5_000, true)?;
        Ok(Self {
            name: parse_name(name)?,
            description,
            price: Money::parse("price", price)?.get(),
            stock: parse_stock(stock)?,
            status: status.map_or(Ok(ProductStatus::OnSale), parse_status)?,
            category: None,
        })
    }

    /// On the shelf of the category with this slug (`None`: on none).
    pub fn in_category(mut self, slug: Option<&str>) -> DomainResult<Self> {
        self.category = slug.map(crate::catalog_query::parse_slug).transpose()?;
        Ok(self)
    }
}

/// An admin's partial update; `stock` is the new absolute stock (the difference is recorded).
#[derive(Debug, Clone, Default)]
pub struct ProductPatch {
    name: Option<String>,
    price: Option<i64>,
    stock: Option<i64>,
    status: Option<ProductStatus>,
    description: Option<String>,
    /// `Some(None)` takes the product off every shelf.
    category: Option<Option<String>>,
}

impl ProductPatch {
    pub fn parse(
        name: Option<&str>,
        price: Option<i64>,
        stock: Option<i64>,
        status: Option<&str>,
    ) -> DomainResult<Self> {
        Ok(Self {
            name: name.map(parse_name).transpose()?,
            price: price.map(|p| Money::parse("price", p).map(Money::get)).transpose()?,
            stock: stock.map(parse_stock).transpose()?,
            status: status.map(parse_status).transpose()?,
            description: None,
            category: None,
        })
    }

    /// Also replaces the description (`None`: leaves it).
    pub fn with_description(mut self, description: Option<&str>) -> DomainResult<Self> {
        self.description = description.map(|d| crate::types::clean_text("description", d, 5_000, true)).transpose()?;
        Ok(self)
    }

    /// Also moves the product to another shelf: `Some(Some(slug))`, `Some(None)` (none), or
    /// `None` (leaves it).
    pub fn with_category(mut self, category: Option<Option<&str>>) -> DomainResult<Self> {
        self.category = category.map(|slug| slug.map(crate::catalog_query::parse_slug).transpose()).transpose()?;
        Ok(self)
    }
}

impl Catalog<'_> {
    /// On-sale and stopped products by id, a page at a time (`page` from 1).
    pub async fn list_products(self, page: u64, per_page: u64) -> DomainResult<Page<ProductView>> {
        check_paging(page, per_page)?;
        let paginator = product::Entity::find().order_by_asc(product::Column::Id).paginate(&self.facade.db, per_page);
        // Two independent reads on two pooled connections at once: the catalog page waits for one
        // round trip instead of two.
        let (total, items) = tokio::try_join!(paginator.num_items(), paginator.fetch_page(page - 1))?;
        Ok(Page { items: product_views(&self.facade.db, items).await?, total })
    }

    pub async fn product(self, product_id: i64) -> DomainResult<ProductView> {
        let found = product::Entity::find_by_id(product_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        one_view(&self.facade.db, found).await
    }

    #[tracing::instrument(skip(self))]
    pub async fn create_product(self, p: NewProduct, admin_user_id: Option<i64>) -> DomainResult<ProductView> {
        let now = self.facade.clock.now();
        let txn = self.facade.begin_write().await?;
        let category_id = category_id(&txn, p.category.as_deref()).await?;
        let res = product::Entity::insert(product::ActiveModel {
            category_id: Set(category_id),
            name: Set(p.name),
            description: Set(p.description),
            price: Set(p.price),
            stock: Set(p.stock),
            status: Set(p.status),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let id = res.last_insert_id;
        record_adjustment(&txn, id, p.stock, "initial stock", admin_user_id, now).await?;
        let created = product::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let view = one_view(&txn, created).await?;
        txn.commit().await?;
        Ok(view)
    }

    #[tracing::instrument(skip(self))]
    pub async fn update_product(
        self,
        product_id: i64,
        patch: ProductPatch,
        admin_user_id: Option<i64>,
    ) -> DomainResult<ProductView> {
        let now = self.facade.clock.now();
        let txn = self.facade.begin_write().await?;
        let current = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let mut update = product::Entity::update_many()
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(product_id));
        if let Some(name) = patch.name {
            update = update.col_expr(product::Column::Name, Expr::value(name));
        }
        if let Some(price) = patch.price {
            update = update.col_expr(product::Column::Price, Expr::value(price));
        }
        if let Some(status) = patch.status {
            update = update.col_expr(product::Column::Status, Expr::value(status));
        }
        if let Some(description) = patch.description {
            update = update.col_expr(product::Column::Description, Expr::value(description));
        }
        if let Some(category) = &patch.category {
            let id = category_id(&txn, category.as_deref()).await?;
            update = update.col_expr(product::Column::CategoryId, Expr::value(id));
        }
        update.exec(&txn).await?;
        if let Some(target) = patch.stock {
            // Orders move stock concurrently: apply the difference to the value we read, and only
            // if it is still that value (otherwise the admin is told to retry).
            let delta = target - current.stock;
            if delta != 0 {
                let res = product::Entity::update_many()
                    .col_expr(product::Column::Stock, Expr::value(target))
                    .filter(product::Column::Id.eq(product_id))
                    .filter(product::Column::Stock.eq(current.stock))
                    .exec(&txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Err(DomainError::Conflict("stock changed meanwhile; reload and try again"));
                }
                record_adjustment(&txn, product_id, delta, "admin set stock", admin_user_id, now).await?;
            }
        }
        let updated = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let view = one_view(&txn, updated).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Adds `delta` units (negative removes) with a reason; stock never goes below 0.
    #[tracing::instrument(skip(self))]
    pub async fn adjust_stock(
        self,
        product_id: i64,
        delta: i64,
        reason: &str,
        admin_user_id: Option<i64>,
    ) -> DomainResult<ProductView> {
        let reason = crate::types::clean_text("reason", reason, 200, false)?;
        if reason.is_empty() {
            return Err(DomainError::validation("reason", "must be 1 to 200 characters"));
        }
        if delta == 0 || delta.abs() > 1_000_000_000 {
            return Err(DomainError::validation("delta", "must be a non-zero number of units"));
        }
        let now = self.facade.clock.now();
        let txn = self.facade.begin_write().await?;
        let res = product::Entity::update_many()
            .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).add(delta))
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(product_id))
            .filter(Expr::col(product::Column::Stock).add(delta).gte(0))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            txn.rollback().await?;
            self.product(product_id).await?;
            return Err(DomainError::validation("delta", "stock cannot go below 0"));
        }
        record_adjustment(&txn, product_id, delta, &reason, admin_user_id, now).await?;
        let updated = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let view = one_view(&txn, updated).await?;
        txn.commit().await?;
        Ok(view)
    }
}

/// The id of the category with this slug (`None`: no category); an unknown slug is the
/// `category` field's error.
pub(crate) async fn category_id<C: ConnectionTrait>(db: &C, slug: Option<&str>) -> DomainResult<Option<i64>> {
    let Some(slug) = slug else { return Ok(None) };
    Ok(Some(
        category::Entity::find()
            .filter(category::Column::Slug.eq(slug))
            .one(db)
            .await?
            .ok_or_else(|| DomainError::validation("category", "no such category"))?
            .id,
    ))
}

async fn record_adjustment<C: ConnectionTrait>(
    db: &C,
    product_id: i64,
    delta: i64,
    reason: &str,
    admin_user_id: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> DomainResult<()> {
    stock_adjustment::Entity::insert(stock_adjustment::ActiveModel {
        product_id: Set(product_id),
        delta: Set(delta),
        reason: Set(reason.to_owned()),
        admin_user_id: Set(admin_user_id),
        at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
