//! Browsing the catalog: search words, a category and an order, and the storefront's catalog page.
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::Catalog;
use super::categories::{CategoryRef, CategoryView, parse_slug};
use super::images::images_of;
use super::views::{ProductView, dress, product_views, with_variants};
use crate::entities::{category, product};
use crate::error::{DomainError, DomainResult, Field};
use crate::paging::{Page, check_paging};

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
            .ok_or_else(|| DomainError::validation(Field::Sort, "must be newest, price_asc, price_desc or name"))
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
                return Err(DomainError::validation(Field::Q, "must be 1 to 100 characters"));
            }
            Some(q) => Some(crate::types::clean_text(Field::Q, q, 100, false)?),
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
        check_paging(page, per_page)?;
        let category_id = match query.category() {
            Some(slug) => Some(
                category::Entity::find()
                    .filter(category::Column::Slug.eq(slug))
                    .one(&self.ctx.db)
                    .await?
                    .map_or(-1, |c| c.id),
            ),
            None => None,
        };
        let (total, models) = self.matching(query, category_id, false, page, per_page).await?;
        Ok(Page { items: product_views(&self.ctx.db, models).await?, total })
    }

    /// The storefront's catalog page: what `search_products` and `categories` return, in four
    /// reads where the two make five (six on a category's page): the categories, read first,
    /// name the products' categories and resolve the asked one. The page is the storefront's
    /// busiest: every read is a round trip to the database, and on SQLite two hand-offs between
    /// threads.
    pub async fn browse(self, query: &ProductQuery, page: u64, per_page: u64) -> DomainResult<Browse> {
        check_paging(page, per_page)?;
        let shelves = self.shelves().await?;
        let category_id =
            query.category().map(|slug| shelves.iter().find(|s| s.view.slug == slug).map_or(-1, |s| s.id));
        // Shoppers browse what is for sale: a stopped product leaves the catalog and its search
        // (its page stays reachable by link, and says so).
        let (total, models) = self.matching(query, category_id, true, page, per_page).await?;
        let ids: Vec<i64> = models.iter().map(|p| p.id).collect();
        let images = images_of(&self.ctx.db, &ids).await?;
        let items = dress(models, images, |id| {
            shelves
                .iter()
                .find(|s| s.id == id)
                .map(|s| CategoryRef { slug: s.view.slug.clone(), name: s.view.name.clone() })
        });
        let items = with_variants(&self.ctx.db, items).await?;
        Ok(Browse { found: Page { items, total }, categories: shelves.into_iter().map(|s| s.view).collect() })
    }

    /// How many products match, and the page's (`category_id` -1 matches none: an unknown
    /// category is an empty page, not an error, since links go stale).
    async fn matching(
        self,
        query: &ProductQuery,
        category_id: Option<i64>,
        on_sale_only: bool,
        page: u64,
        per_page: u64,
    ) -> DomainResult<(u64, Vec<product::Model>)> {
        let mut select = product::Entity::find();
        if on_sale_only {
            select = select.filter(product::Column::Status.eq(crate::status::ProductStatus::OnSale));
        }
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
        let paginator = select.paginate(&self.ctx.db, per_page);
        Ok(tokio::try_join!(paginator.num_items(), paginator.fetch_page(page - 1))?)
    }
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
        assert!(matches!(err, DomainError::Validation { field: Field::Sort, .. }));
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
}
