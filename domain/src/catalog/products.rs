//! Products: the public catalog and the admin's changes to it. Every stock change that is not an
//! order is recorded in `stock_adjustments`.
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::Catalog;
use super::categories::{category_id, parse_slug};
use super::fields::{parse_status, parse_stock};
use super::options::{MAX_VARIANTS, Options, ProductOption};
use super::stock_log::record_adjustment;
use super::variants::{NewVariant, insert_variants, refresh_price};
use super::views::{ProductView, one_view, product_views};
use crate::entities::product;
use crate::error::{Conflict, DomainError, DomainResult, Field};
use crate::paging::{Page, check_paging};
use crate::status::ProductStatus;
use crate::types::{Money, UserId, parse_name};

#[derive(Debug, Clone)]
pub struct NewProduct {
    name: String,
    description: String,
    price: i64,
    stock: i64,
    status: ProductStatus,
    /// A category slug.
    category: Option<String>,
    options: Options,
    variants: Vec<NewVariant>,
}

impl NewProduct {
    pub fn parse(
        name: &str,
        description: Option<&str>,
        price: i64,
        stock: i64,
        status: Option<&str>,
    ) -> DomainResult<Self> {
        let description = crate::types::clean_text(Field::Description, description.unwrap_or_default(), 5_000, true)?;
        Ok(Self {
            name: parse_name(name)?,
            description,
            price: Money::parse(Field::Price, price)?.get(),
            stock: parse_stock(stock)?,
            status: status.map_or(Ok(ProductStatus::OnSale), parse_status)?,
            category: None,
            options: Options::default(),
            variants: Vec::new(),
        })
    }

    /// Sold in options. With `variants` empty, every combination is made at the product's price
    /// with no stock (the admin then fills in the table); with variants, each names one value of
    /// every option and carries its own price and stock. Either way the product's own stock is
    /// its variants' (so it must be 0 here).
    pub fn with_options(mut self, options: Vec<ProductOption>, variants: Vec<NewVariant>) -> DomainResult<Self> {
        let options = Options::parse(options)?;
        if options.is_empty() {
            if !variants.is_empty() {
                return Err(DomainError::validation(Field::Options, "variants need the options they choose from"));
            }
            return Ok(self);
        }
        if self.stock != 0 {
            return Err(DomainError::validation(Field::Stock, "a product with options has its stock on its variants"));
        }
        let variants = if variants.is_empty() {
            let price = self.price;
            options
                .combinations()?
                .into_iter()
                .map(|c| NewVariant::parse(c.as_map(), price, 0, None))
                .collect::<DomainResult<Vec<_>>>()?
        } else if variants.len() > MAX_VARIANTS {
            return Err(DomainError::validation(Field::Variants, format!("at most {MAX_VARIANTS} variants")));
        } else {
            variants
        };
        self.options = options;
        self.variants = variants;
        Ok(self)
    }

    /// On the shelf of the category with this slug (`None`: on none).
    pub fn in_category(mut self, slug: Option<&str>) -> DomainResult<Self> {
        self.category = slug.map(parse_slug).transpose()?;
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
            price: price.map(|p| Money::parse(Field::Price, p).map(Money::get)).transpose()?,
            stock: stock.map(parse_stock).transpose()?,
            status: status.map(parse_status).transpose()?,
            description: None,
            category: None,
        })
    }

    /// Also replaces the description (`None`: leaves it).
    pub fn with_description(mut self, description: Option<&str>) -> DomainResult<Self> {
        self.description =
            description.map(|d| crate::types::clean_text(Field::Description, d, 5_000, true)).transpose()?;
        Ok(self)
    }

    /// Also moves the product to another shelf: `Some(Some(slug))`, `Some(None)` (none), or
    /// `None` (leaves it).
    pub fn with_category(mut self, category: Option<Option<&str>>) -> DomainResult<Self> {
        self.category = category.map(|slug| slug.map(parse_slug).transpose()).transpose()?;
        Ok(self)
    }
}

impl Catalog<'_> {
    /// On-sale and stopped products by id, a page at a time (`page` from 1).
    pub async fn list_products(self, page: u64, per_page: u64) -> DomainResult<Page<ProductView>> {
        check_paging(page, per_page)?;
        let paginator = product::Entity::find().order_by_asc(product::Column::Id).paginate(&self.ctx.db, per_page);
        // Two independent reads on two pooled connections at once: the catalog page waits for one
        // round trip instead of two.
        let (total, items) = tokio::try_join!(paginator.num_items(), paginator.fetch_page(page - 1))?;
        Ok(Page { items: product_views(&self.ctx.db, items).await?, total })
    }

    pub async fn product(self, product_id: i64) -> DomainResult<ProductView> {
        let found = product::Entity::find_by_id(product_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        one_view(&self.ctx.db, found).await
    }

    #[tracing::instrument(skip(self))]
    pub async fn create_product(self, p: NewProduct, admin_user_id: Option<UserId>) -> DomainResult<ProductView> {
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let category_id = category_id(&txn, p.category.as_deref()).await?;
        let res = product::Entity::insert(product::ActiveModel {
            category_id: Set(category_id),
            name: Set(p.name),
            description: Set(p.description),
            price: Set(p.price),
            stock: Set(p.stock),
            status: Set(p.status),
            options: Set(p.options.to_json()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let id = res.last_insert_id;
        if p.options.is_empty() {
            record_adjustment(&txn, id, None, p.stock, "initial stock", admin_user_id, now).await?;
        } else {
            let mut options = p.options;
            insert_variants(&txn, id, &mut options, p.variants, false, admin_user_id, now).await?;
            refresh_price(&txn, id, now).await?;
        }
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
        admin_user_id: Option<UserId>,
    ) -> DomainResult<ProductView> {
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let current = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        if current.has_options() {
            // Both live on the variants: the product's price follows its cheapest one.
            if patch.stock.is_some() {
                return Err(DomainError::validation(
                    Field::Stock,
                    "a product with options has its stock on its variants",
                ));
            }
            if patch.price.is_some() {
                return Err(DomainError::validation(
                    Field::Price,
                    "a product with options has its prices on its variants",
                ));
            }
        }
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
                    return Err(DomainError::Conflict(Conflict::StockChanged));
                }
                record_adjustment(&txn, product_id, None, delta, "admin set stock", admin_user_id, now).await?;
            }
        }
        let updated = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let view = one_view(&txn, updated).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// The products with these ids, in id order; ids that do not exist are left out.
    pub async fn products_by_ids(self, ids: &[i64]) -> DomainResult<Vec<ProductView>> {
        let found = product::Entity::find()
            .filter(product::Column::Id.is_in(ids.iter().copied()))
            .order_by_asc(product::Column::Id)
            .all(&self.ctx.db)
            .await?;
        product_views(&self.ctx.db, found).await
    }
}
