//! The catalog's categories (shelves): their slugs and names, and which shelf a product is on.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, SqlErr,
};

use super::Catalog;
use crate::entities::{category, product};
use crate::error::{Conflict, DomainError, DomainResult, Field};
use crate::status::ProductStatus;

/// `kitchen`, `tea-time`: 1..=64 lowercase ASCII letters, digits and inner hyphens.
pub fn parse_slug(raw: &str) -> DomainResult<String> {
    slug_in(Field::Category, raw)
}

fn slug_in(field: Field, raw: &str) -> DomainResult<String> {
    let ok = (1..=64).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !raw.starts_with('-')
        && !raw.ends_with('-');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(DomainError::validation(field, "must be 1 to 64 lowercase letters, digits and hyphens"))
    }
}

/// A category as the catalog shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

/// A category with how many of its products are on sale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryView {
    pub slug: String,
    pub name: String,
    pub product_count: u64,
}

/// One category and how many of its products are on sale, as one read returns them.
pub(super) struct Shelf {
    pub(super) id: i64,
    pub(super) view: CategoryView,
}

impl Catalog<'_> {
    /// Every category (by name) with its number of products on sale.
    pub async fn categories(self) -> DomainResult<Vec<CategoryView>> {
        Ok(self.shelves().await?.into_iter().map(|s| s.view).collect())
    }

    /// Every category by name with its count of products on sale, in one read.
    pub(super) async fn shelves(self) -> DomainResult<Vec<Shelf>> {
        let mut select = category::Entity::find()
            .select_only()
            .column(category::Column::Id)
            .column(category::Column::Slug)
            .column(category::Column::Name)
            .column_as(product::Column::Id.count(), "n")
            .group_by(category::Column::Id)
            .group_by(category::Column::Slug)
            .group_by(category::Column::Name)
            .order_by_asc(category::Column::Name)
            .order_by_asc(category::Column::Id);
        // The count's condition sits in the join, so a category with nothing on sale still
        // comes back, with 0.
        QueryTrait::query(&mut select).join(
            JoinType::LeftJoin,
            product::Entity,
            Condition::all()
                .add(
                    Expr::col((product::Entity, product::Column::CategoryId))
                        .equals((category::Entity, category::Column::Id)),
                )
                .add(product::Column::Status.eq(ProductStatus::OnSale)),
        );
        let rows: Vec<(i64, String, String, i64)> = select.into_tuple().all(&self.ctx.db).await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name, n)| Shelf {
                id,
                view: CategoryView { slug, name, product_count: u64::try_from(n).unwrap_or(0) },
            })
            .collect())
    }

    /// A new category; `conflict` when the slug is taken.
    #[tracing::instrument(skip(self))]
    pub async fn create_category(self, slug: &str, name: &str) -> DomainResult<CategoryRef> {
        let slug = slug_in(Field::Slug, slug)?;
        let name = category_name(name)?;
        let row = category::ActiveModel {
            slug: Set(slug.clone()),
            name: Set(name.clone()),
            created_at: Set(self.ctx.clock.now()),
            ..Default::default()
        };
        match category::Entity::insert(row).exec(&self.ctx.db).await {
            Ok(_) => Ok(CategoryRef { slug, name }),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Err(DomainError::Conflict(Conflict::CategorySlugTaken))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Renames the category with this slug (its slug, and so its links, stay).
    #[tracing::instrument(skip(self))]
    pub async fn rename_category(self, slug: &str, name: &str) -> DomainResult<CategoryRef> {
        let slug = parse_slug(slug)?;
        let name = category_name(name)?;
        let res = category::Entity::update_many()
            .col_expr(category::Column::Name, Expr::value(name.clone()))
            .filter(category::Column::Slug.eq(slug.clone()))
            .exec(&self.ctx.db)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::NotFound);
        }
        Ok(CategoryRef { slug, name })
    }

    /// Puts a product on a category's shelf (`None`: on none). An unknown slug is a validation error.
    pub async fn set_product_category(self, product_id: i64, slug: Option<&str>) -> DomainResult<()> {
        let slug = slug.map(parse_slug).transpose()?;
        let category_id = category_id(&self.ctx.db, slug.as_deref()).await?;
        let res = product::Entity::update_many()
            .col_expr(product::Column::CategoryId, Expr::value(category_id))
            .filter(product::Column::Id.eq(product_id))
            .exec(&self.ctx.db)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::NotFound);
        }
        Ok(())
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
            .ok_or_else(|| DomainError::validation(Field::Category, "no such category"))?
            .id,
    ))
}

/// Trimmed, 1..=100 characters.
fn category_name(raw: &str) -> DomainResult<String> {
    let name = crate::types::clean_text(Field::Name, raw, 100, false)?;
    if name.is_empty() {
        return Err(DomainError::validation(Field::Name, "must be 1 to 100 characters"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_slugs_are_url_safe() {
        assert!(parse_slug("tea-time").is_ok());
        for bad in ["", "-a", "a-", "Kitchen", "주방", "a b", &"a".repeat(65)] {
            assert!(parse_slug(bad).is_err(), "{bad}");
        }
    }
}
