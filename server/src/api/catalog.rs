//! `/products`: the public catalog.
use axum::Json;
use axum::extract::{Path, Query, State};
use domain::catalog::ProductView;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ErrorBody;
use super::error::{ApiError, ApiResult};
use crate::state::AppState;
use domain::Field;

/// `page` (default 1) and `per_page` (default 20) of every listing, checked by the domain.
pub fn paging(page: Option<u64>, per_page: Option<u64>) -> ApiResult<(u64, u64)> {
    let (page, per_page) = (page.unwrap_or(1), per_page.unwrap_or(20));
    domain::paging::check_paging(page, per_page)?;
    Ok((page, per_page))
}

#[derive(Serialize, ToSchema)]
pub struct ProductPage {
    items: Vec<ProductView>,
    /// Products matching the search (all of them without one), for paging.
    total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    /// From 1; default 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u64>,
    /// 1 to 100; default 20.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
    /// Words to find in the name or description (case-insensitive substring), 1 to 100 characters.
    #[param(max_length = 100)]
    q: Option<String>,
    /// A category's slug.
    #[param(max_length = 64)]
    category: Option<String>,
    /// `newest` (default), `price_asc`, `price_desc` or `name`.
    #[param(inline, value_type = Option<Sort>)]
    sort: Option<String>,
}

/// The orders a listing can take.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // documents the accepted values; parsing is the domain's
pub enum Sort {
    Newest,
    PriceAsc,
    PriceDesc,
    Name,
}

#[utoipa::path(get, path = "/products", tag = "catalog", params(CatalogQuery), responses(
    (status = 200, description = "One page of the catalog, newest first unless sorted otherwise", body = ProductPage),
    (status = 422, description = "`validation_error`: page, per_page, q, category or sort out of range", body = ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<CatalogQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<ProductPage>> {
    let Query(q) = q.map_err(|_| ApiError::field(Field::Page, "page and per_page must be positive whole numbers"))?;
    let (page, per_page) = paging(q.page, q.per_page)?;
    let query = domain::catalog::ProductQuery::parse(q.q.as_deref(), q.category.as_deref(), q.sort.as_deref())?;
    let found = state.facade.catalog().search_products(&query, page, per_page).await?;
    Ok(Json(ProductPage { items: found.items, total: found.total }))
}

#[derive(Serialize, ToSchema)]
pub struct CategoryList {
    items: Vec<domain::catalog::CategoryView>,
}

#[utoipa::path(get, path = "/categories", tag = "catalog", responses(
    (status = 200, description = "Every category, with its number of products on sale", body = CategoryList),
))]
pub async fn categories(State(state): State<AppState>) -> ApiResult<Json<CategoryList>> {
    Ok(Json(CategoryList { items: state.facade.catalog().categories().await? }))
}

#[utoipa::path(get, path = "/products/{id}", tag = "catalog", params(("id" = i64, Path, description = "Product id")), responses(
    (status = 200, description = "The product", body = ProductView),
    (status = 404, description = "`not_found`", body = ErrorBody),
))]
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<ProductView>> {
    Ok(Json(state.facade.catalog().product(parse_id(&id)?).await?))
}

/// Path ids: positive integers that fit an i64; anything else reads as not found.
pub fn parse_id(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or(ApiError::Domain(domain::DomainError::NotFound))
}
