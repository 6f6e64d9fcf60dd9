//! Variants (`docs/domain.md`, "Product options"): one choice of a product's option values with
//! its own price, stock, status and SKU. A product with options keeps its stock on its variants
//! only; its own `price` is kept at its lowest on-sale variant's (what listings sort and show) and
//! its shown stock is their sum. Every stock change that is not an order is recorded in
//! `stock_adjustments` with the variant, as for products.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, SqlErr,
};
use serde::Serialize;

use super::Catalog;
use super::fields::{parse_status, parse_stock};
use super::options::{Choice, Options, ProductOption};
use super::stock_log::record_adjustment;
use crate::entities::{order_item, product, product_variant};
use crate::error::{Conflict, DomainError, DomainResult, Field};
use crate::status::ProductStatus;
use crate::types::{Money, UserId};

/// A variant as the catalog shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantView {
    pub id: i64,
    /// Option name -> value.
    pub options: BTreeMap<String, String>,
    pub sku: Option<String>,
    pub price: i64,
    pub stock: i64,
    pub status: ProductStatus,
    /// The values in the product's option order, as shoppers read them: `블랙 / L`.
    #[serde(skip)]
    pub label: String,
}

impl From<product_variant::Model> for VariantView {
    fn from(v: product_variant::Model) -> Self {
        let choice = Choice::stored(&v.options);
        Self {
            id: v.id,
            options: choice.as_map(),
            label: choice.label(),
            sku: v.sku,
            price: v.price,
            stock: v.stock,
            status: v.status,
        }
    }
}

/// A variant to create: its option values, price, stock and SKU.
#[derive(Debug, Clone)]
pub struct NewVariant {
    options: BTreeMap<String, String>,
    price: i64,
    stock: i64,
    sku: Option<String>,
}

impl NewVariant {
    pub fn parse(options: BTreeMap<String, String>, price: i64, stock: i64, sku: Option<&str>) -> DomainResult<Self> {
        Ok(Self {
            options,
            price: Money::parse(Field::Price, price)?.get(),
            stock: parse_stock(stock)?,
            sku: parse_sku(sku)?,
        })
    }
}

/// An admin's change of a variant; `stock` is the new absolute stock (the difference is recorded).
#[derive(Debug, Clone, Default)]
pub struct VariantPatch {
    price: Option<i64>,
    stock: Option<i64>,
    status: Option<ProductStatus>,
    /// `Some(None)` removes the SKU.
    sku: Option<Option<String>>,
}

impl VariantPatch {
    pub fn parse(
        price: Option<i64>,
        stock: Option<i64>,
        status: Option<&str>,
        sku: Option<Option<&str>>,
    ) -> DomainResult<Self> {
        Ok(Self {
            price: price.map(|p| Money::parse(Field::Price, p).map(Money::get)).transpose()?,
            stock: stock.map(parse_stock).transpose()?,
            status: status.map(parse_status).transpose()?,
            sku: sku.map(parse_sku).transpose()?,
        })
    }
}

/// Trimmed; empty means none; at most 64 characters without spaces (what a label printer and a
/// spreadsheet keep intact).
fn parse_sku(raw: Option<&str>) -> DomainResult<Option<String>> {
    let Some(sku) = raw.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    if sku.chars().count() > 64 || sku.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(DomainError::validation(Field::Sku, "at most 64 characters, without spaces"));
    }
    Ok(Some(sku.to_owned()))
}

/// The variants of these products, by product, each product's in id order (the order they were
/// made: generated combinations come in option order).
pub(crate) async fn variants_of<C: ConnectionTrait>(
    db: &C,
    product_ids: impl IntoIterator<Item = i64>,
) -> DomainResult<HashMap<i64, Vec<VariantView>>> {
    let ids: Vec<i64> = product_ids.into_iter().collect();
    let mut by_product: HashMap<i64, Vec<VariantView>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_product);
    }
    let rows = product_variant::Entity::find()
        .filter(product_variant::Column::ProductId.is_in(ids))
        .order_by_asc(product_variant::Column::Id)
        .all(db)
        .await?;
    for v in rows {
        by_product.entry(v.product_id).or_default().push(v.into());
    }
    Ok(by_product)
}

/// Inserts `variants` of `product_id` (checked against its options), recording each one's
/// initial stock. A combination or SKU named twice, or already taken, is a conflict.
pub(super) async fn insert_variants<C: ConnectionTrait>(
    db: &C,
    product_id: i64,
    options: &mut Options,
    variants: Vec<NewVariant>,
    grow: bool,
    admin_user_id: Option<UserId>,
    now: DateTime<Utc>,
) -> DomainResult<Vec<product_variant::Model>> {
    let mut inserted = Vec::with_capacity(variants.len());
    for v in variants {
        let choice = if grow { options.choose_growing(&v.options)?.0 } else { options.choice(&v.options)? };
        let row = product_variant::ActiveModel {
            product_id: Set(product_id),
            options: Set(choice.to_json()),
            combination: Set(choice.key()),
            sku: Set(v.sku.clone()),
            price: Set(v.price),
            stock: Set(v.stock),
            status: Set(ProductStatus::OnSale),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let model = match product_variant::Entity::insert(row).exec_with_returning(db).await {
            Ok(m) => m,
            Err(e) => return Err(unique_conflict(e)),
        };
        record_adjustment(db, product_id, Some(model.id), v.stock, "initial stock", admin_user_id, now).await?;
        inserted.push(model);
    }
    Ok(inserted)
}

/// Which unique index refused a write: the product's combination or the SKU (both databases
/// name the index or its columns in the message).
fn unique_conflict(e: sea_orm::DbErr) -> DomainError {
    if !matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return e.into();
    }
    if e.to_string().contains("sku") {
        DomainError::Conflict(Conflict::SkuTaken)
    } else {
        DomainError::Conflict(Conflict::VariantExists)
    }
}

/// Keeps the product's own price at its lowest on-sale variant's (its lowest variant's when none
/// is on sale), so listings sort and show what a shopper pays at least.
pub(super) async fn refresh_price<C: ConnectionTrait>(db: &C, product_id: i64, now: DateTime<Utc>) -> DomainResult<()> {
    let variants =
        product_variant::Entity::find().filter(product_variant::Column::ProductId.eq(product_id)).all(db).await?;
    let on_sale = variants.iter().filter(|v| v.status == ProductStatus::OnSale).map(|v| v.price).min();
    let Some(price) = on_sale.or_else(|| variants.iter().map(|v| v.price).min()) else { return Ok(()) };
    product::Entity::update_many()
        .col_expr(product::Column::Price, Expr::value(price))
        .col_expr(product::Column::UpdatedAt, Expr::value(now))
        .filter(product::Column::Id.eq(product_id))
        .exec(db)
        .await?;
    Ok(())
}

impl Catalog<'_> {
    /// Adds a variant to a product with options; a value an option does not have yet joins the
    /// end of its values.
    #[tracing::instrument(skip(self))]
    pub async fn add_variant(
        self,
        product_id: i64,
        variant: NewVariant,
        admin_user_id: Option<UserId>,
    ) -> DomainResult<VariantView> {
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let p = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let mut options = Options::stored(&p.options);
        if options.is_empty() {
            return Err(DomainError::validation(Field::Options, "the product has no options"));
        }
        let before = options.clone();
        let mut made = insert_variants(&txn, product_id, &mut options, vec![variant], true, admin_user_id, now).await?;
        if options != before {
            product::Entity::update_many()
                .col_expr(product::Column::Options, Expr::value(options.to_json()))
                .filter(product::Column::Id.eq(product_id))
                .exec(&txn)
                .await?;
        }
        refresh_price(&txn, product_id, now).await?;
        txn.commit().await?;
        made.pop().map(VariantView::from).ok_or_else(|| DomainError::internal("the variant was not inserted"))
    }

    /// Changes a variant's price, stock, status or SKU. Stock moves with orders meanwhile, so the
    /// new stock applies only if the stock read is still there (else `stock_changed`).
    #[tracing::instrument(skip(self))]
    pub async fn update_variant(
        self,
        variant_id: i64,
        patch: VariantPatch,
        admin_user_id: Option<UserId>,
    ) -> DomainResult<VariantView> {
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let current = product_variant::Entity::find_by_id(variant_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let mut update = product_variant::Entity::update_many()
            .col_expr(product_variant::Column::UpdatedAt, Expr::value(now))
            .filter(product_variant::Column::Id.eq(variant_id));
        if let Some(price) = patch.price {
            update = update.col_expr(product_variant::Column::Price, Expr::value(price));
        }
        if let Some(status) = patch.status {
            update = update.col_expr(product_variant::Column::Status, Expr::value(status));
        }
        if let Some(sku) = &patch.sku {
            update = update.col_expr(product_variant::Column::Sku, Expr::value(sku.clone()));
        }
        update.exec(&txn).await.map_err(unique_conflict)?;
        if let Some(target) = patch.stock {
            let delta = target - current.stock;
            if delta != 0 {
                let res = product_variant::Entity::update_many()
                    .col_expr(product_variant::Column::Stock, Expr::value(target))
                    .filter(product_variant::Column::Id.eq(variant_id))
                    .filter(product_variant::Column::Stock.eq(current.stock))
                    .exec(&txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Err(DomainError::Conflict(Conflict::StockChanged));
                }
                record_adjustment(
                    &txn,
                    current.product_id,
                    Some(variant_id),
                    delta,
                    "admin set stock",
                    admin_user_id,
                    now,
                )
                .await?;
            }
        }
        if patch.price.is_some() || patch.status.is_some() {
            refresh_price(&txn, current.product_id, now).await?;
        }
        let updated = product_variant::Entity::find_by_id(variant_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        txn.commit().await?;
        Ok(updated.into())
    }

    /// Sells a product in options from now on: every combination of `options` at `price`, with no
    /// stock (the admin fills in the table). Only for a product without options, with no stock of
    /// its own and never ordered: an order's lines and the stock it may give back stay the
    /// product's own, so such a product is sold in options as a new product.
    #[tracing::instrument(skip(self))]
    pub async fn define_options(
        self,
        product_id: i64,
        options: Vec<ProductOption>,
        price: i64,
        admin_user_id: Option<UserId>,
    ) -> DomainResult<super::ProductView> {
        let options = Options::parse(options)?;
        if options.is_empty() {
            return Err(DomainError::validation(Field::Options, "name at least one option"));
        }
        let price = Money::parse(Field::Price, price)?.get();
        let variants = options
            .combinations()?
            .into_iter()
            .map(|c| NewVariant::parse(c.as_map(), price, 0, None))
            .collect::<DomainResult<Vec<_>>>()?;
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        let p = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        if p.has_options() {
            return Err(DomainError::validation(Field::Options, "the product has options already"));
        }
        if p.stock != 0 {
            return Err(DomainError::validation(Field::Stock, "set the product's own stock to 0 first"));
        }
        let ordered =
            order_item::Entity::find().filter(order_item::Column::ProductId.eq(product_id)).count(&txn).await?;
        if ordered > 0 {
            return Err(DomainError::validation(
                Field::Options,
                "a product that was ordered cannot gain options; add it again as a new product with options",
            ));
        }
        let res = product::Entity::update_many()
            .col_expr(product::Column::Options, Expr::value(options.to_json()))
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(product_id))
            .filter(product::Column::Options.eq(product::NO_OPTIONS))
            .filter(product::Column::Stock.eq(0))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::Conflict(Conflict::StockChanged));
        }
        let mut options = options;
        insert_variants(&txn, product_id, &mut options, variants, false, admin_user_id, now).await?;
        refresh_price(&txn, product_id, now).await?;
        txn.commit().await?;
        self.product(product_id).await
    }

    /// One variant.
    pub async fn variant(self, variant_id: i64) -> DomainResult<VariantView> {
        let found =
            product_variant::Entity::find_by_id(variant_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        Ok(found.into())
    }
}
