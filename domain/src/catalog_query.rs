//! Browsing the catalog: search words, a category and an order, and the categories themselves.
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, SqlErr,
};

use crate::entities::{category, product};
use crate::error::{DomainError, DomainResult};
use crate::facade::Catalog;
use crate::media::{ImageView, images_of};
use crate::status::ProductStatus;
use crate::views::{Page, ProductView};

/// How a listing is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductSort {
    /// Most recently added first (the default).
    #[default]
    Newest,
    PriceAsc,
    PriceDesc,
    /// By name, A to Z / 가나다.
    Name,
}

impl ProductSort {
    pub const ALL: [ProductSort; 4] = [Self::Newest, Self::PriceAsc, Self::PriceDesc, Self::Name];

    pub fn parse(raw: &str) -> DomainResult<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| DomainError::validation("sort", "must be newest, price_asc, price_desc or name"))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::PriceAsc => "price_asc",
            Self::PriceDesc => "price_desc",
            Self::Name => "name",
        }
    }
}

/// What a shopper is looking for: all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductQuery {
    words: Option<String>,
    category: Option<String>,
    sort: ProductSort,
}

impl ProductQuery {
    /// `q` (1..=100 characters once trimmed; empty means no search), a category slug, a sort.
    pub fn parse(q: Option<&str>, category: Option<&str>, sort: Option<&str>) -> DomainResult<Self> {
        let words = match q.map(str::trim).filter(|q| !q.is_empty()) {
            None => None,
            Some(q) if q.chars().count() > 100 => {
                return Err(DomainError::validation("q", "must be 1 to 100 characters"));
            }
            Some(q) => Some(crate::types::clean_text("q", q, 100, false)?),
        };
        let category = category.map(str::trim).filter(|c| !c.is_empty()).map(parse_slug).transpose()?;
        // Absent is the default order; anything given, even empty, must name one (the contract's enum).
        let sort = sort.map(ProductSort::parse).transpose()?.unwrap_or_default();
        Ok(Self { words, category, sort })
    }

    pub fn words(&self) -> Option<&str> {
        self.words.as_deref()
    }

    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }

    pub fn sort(&self) -> ProductSort {
        self.sort
    }
}

/// `kitchen`, `tea-time`: 1..=64 lowercase ASCII letters, digits and inner hyphens.
pub fn parse_slug(raw: &str) -> DomainResult<String> {
    slug_in("category", raw)
}

fn slug_in(field: &'static str, raw: &str) -> DomainResult<String> {
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

/// `%`, `_` and the escape itself match literally in a search.
fn like_pattern(words: &str) -> String {
    let mut out = String::with_capacity(words.len() + 2);
    out.push('%');
    for c in words.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
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
    Ok(dress(models, images, |id| {
        categories.iter().find(|c| c.id == id).map(|c| CategoryRef { slug: c.slug.clone(), name: c.name.clone() })
    }))
}

/// Products with their images and their category (`category_of` a category id).
fn dress(
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

/// One category and how many of its products are on sale, as one read returns them.
struct Shelf {
    id: i64,
    view: CategoryView,
}

/// A catalog page as the storefront shows it: the products and every category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browse {
    pub found: Page<ProductView>,
    /// Every category by name, with its number of products on sale.
    pub categories: Vec<CategoryView>,
}

impl Catalog<'_> {
    /// One page of the catalog matching `query` (`page` from 1); `total` counts every match.
    pub async fn search_products(
        self,
        query: &ProductQuery,
        page: u64,
        per_page: u64,
    ) -> DomainResult<Page<ProductView>> {
        crate::catalog::check_paging(page, per_page)?;
        let category_id = match query.category() {
            Some(slug) => Some(
                category::Entity::find()
                    .filter(category::Column::Slug.eq(slug))
                    .one(&self.facade.db)
                    .await?
                    .map_or(-1, |c| c.id),
            ),
            None => None,
        };
        let (total, models) = self.matching(query, category_id, page, per_page).await?;
        Ok(Page { items: product_views(&self.facade.db, models).await?, total })
    }

    /// The storefront's catalog page: what `search_products` and `categories` return, in four
    /// reads where the two make five (six on a category's page): the categories, read first,
    /// name the products' categories and resolve the asked one. The page is the storefront's
    /// busiest: every read is a round trip to the database, and on SQLite two hand-offs between
    /// threads.
    pub async fn browse(self, query: &ProductQuery, page: u64, per_page: u64) -> DomainResult<Browse> {
        crate::catalog::check_paging(page, per_page)?;
        let shelves = self.shelves().await?;
        let category_id =
            query.category().map(|slug| shelves.iter().find(|s| s.view.slug == slug).map_or(-1, |s| s.id));
        let (total, models) = self.matching(query, category_id, page, per_page).await?;
        let ids: Vec<i64> = models.iter().map(|p| p.id).collect();
        let images = images_of(&self.facade.db, &ids).await?;
        let items = dress(models, images, |id| {
            shelves
                .iter()
                .find(|s| s.id == id)
                .map(|s| CategoryRef { slug: s.view.slug.clone(), name: s.view.name.clone() })
        });
        Ok(Browse { found: Page { items, total }, categories: shelves.into_iter().map(|s| s.view).collect() })
    }

    /// How many products match, and the page's (`category_id` -1 matches none: an unknown
    /// category is an empty page, not an error, since links go stale).
    async fn matching(
        self,
        query: &ProductQuery,
        category_id: Option<i64>,
        page: u64,
        per_page: u64,
    ) -> DomainResult<(u64, Vec<product::Model>)> {
        let mut select = product::Entity::find();
        if let Some(words) = query.words() {
            // Case-insensitive substring of the name or the description. Korean has no case;
            // SQLite's lower() folds ASCII only, PostgreSQL's every letter.
            let pattern = like_pattern(words);
            let matches = |col: product::Column| {
                Expr::expr(Func::lower(Expr::col((product::Entity, col))))
                    .like(LikeExpr::new(pattern.clone()).escape('\\'))
            };
            select = select.filter(
                Condition::any().add(matches(product::Column::Name)).add(matches(product::Column::Description)),
            );
        }
        if let Some(id) = category_id {
            select = select.filter(product::Column::CategoryId.eq(id));
        }
        select = match query.sort() {
            ProductSort::Newest => select.order_by_desc(product::Column::CreatedAt).order_by_desc(product::Column::Id),
            ProductSort::PriceAsc => select.order_by_asc(product::Column::Price).order_by_asc(product::Column::Id),
            ProductSort::PriceDesc => select.order_by_desc(product::Column::Price).order_by_desc(product::Column::Id),
            ProductSort::Name => select.order_by_asc(product::Column::Name).order_by_asc(product::Column::Id),
        };
        let paginator = select.paginate(&self.facade.db, per_page);
        Ok(tokio::try_join!(paginator.num_items(), paginator.fetch_page(page - 1))?)
    }

    /// Every category (by name) with its number of products on sale.
    pub async fn categories(self) -> DomainResult<Vec<CategoryView>> {
        Ok(self.shelves().await?.into_iter().map(|s| s.view).collect())
    }

    /// Every category by name with its count of products on sale, in one read.
    async fn shelves(self) -> DomainResult<Vec<Shelf>> {
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
        let rows: Vec<(i64, String, String, i64)> = select.into_tuple().all(&self.facade.db).await?;
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
        let slug = slug_in("slug", slug)?;
        let name = category_name(name)?;
        let row = category::ActiveModel {
            slug: Set(slug.clone()),
            name: Set(name.clone()),
            created_at: Set(self.facade.clock.now()),
            ..Default::default()
        };
        match category::Entity::insert(row).exec(&self.facade.db).await {
            Ok(_) => Ok(CategoryRef { slug, name }),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Err(DomainError::Conflict("this category slug exists"))
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
            .exec(&self.facade.db)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::NotFound);
        }
        Ok(CategoryRef { slug, name })
    }

    /// Puts a product on a category's shelf (`None`: on none). An unknown slug is a validation error.
    pub async fn set_product_category(self, product_id: i64, slug: Option<&str>) -> DomainResult<()> {
        let slug = slug.map(parse_slug).transpose()?;
        let category_id = crate::catalog::category_id(&self.facade.db, slug.as_deref()).await?;
        let res = product::Entity::update_many()
            .col_expr(product::Column::CategoryId, Expr::value(category_id))
            .filter(product::Column::Id.eq(product_id))
            .exec(&self.facade.db)
            .await?;
        if res.rows_affected != 1 {
            return Err(DomainError::NotFound);
        }
        Ok(())
    }
}

/// Trimmed, 1..=100 characters.
fn category_name(raw: &str) -> DomainResult<String> {
    let name = crate::types::clean_text("name", raw, 100, false)?;
    if name.is_empty() {
        return Err(DomainError::validation("name", "must be 1 to 100 characters"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_names_are_the_contract_s() {
        for s in ProductSort::ALL {
            assert_eq!(ProductSort::parse(s.as_str()).unwrap(), s);
        }
        let err = ProductSort::parse("cheapest").unwrap_err();
        assert!(matches!(err, DomainError::Validation { field: "sort", .. }));
        // Given but empty is not an order (API fuzzing found `?sort=` accepted).
        assert!(ProductQuery::parse(None, None, Some("")).is_err());
        assert_eq!(ProductQuery::parse(None, None, None).unwrap().sort(), ProductSort::Newest);
    }

    #[test]
    fn search_words_are_trimmed_bounded_and_literal() {
        assert_eq!(ProductQuery::parse(Some("  "), None, None).unwrap(), ProductQuery::default());
        assert!(ProductQuery::parse(Some(&"가".repeat(101)), None, None).is_err());
        assert!(ProductQuery::parse(Some(&"가".repeat(100)), None, None).is_ok());
        assert_eq!(like_pattern("50%_Off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern("도마"), "%도마%");
    }

    #[test]
    fn category_slugs_are_url_safe() {
        assert!(parse_slug("tea-time").is_ok());
        for bad in ["", "-a", "a-", "Kitchen", "주방", "a b", &"a".repeat(65)] {
            assert!(parse_slug(bad).is_err(), "{bad}");
        }
    }
}
