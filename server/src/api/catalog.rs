//! `/products`: the public catalog.
use axum::Json;
use axum::extract::{Path, Query, State};
use domain::views::ProductView;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ApiResult};
use super::openapi::ErrorBody;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// From 1; default 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u64>,
    /// 1 to 100; default 20.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
}

impl PageQuery {
    /// (page from 1, per_page 1..=100; default 20).
    pub fn parse(q: Result<Query<Self>, axum::extract::rejection::QueryRejection>) -> ApiResult<(u64, u64)> {
        let Query(q) = q.map_err(|_| ApiError::field("page", "page and per_page must be positive whole numbers"))?;
        paging(q.page, q.per_page)
    }
}

/// `page` (default 1) and `per_page` (default 20) of every listing, checked by the domain.
pub fn paging(page: Option<u64>, per_page: Option<u64>) -> ApiResult<(u64, u64)> {
    let (page, per_page) = (page.unwrap_or(1), per_page.unwrap_or(20));
    domain::catalog::check_paging(page, per_page)?;
    Ok((page, per_page))
}

#[derive(Serialize, ToSchema)]
pub struct ProductPage {
    items: Vec<ProductView>,
    /// Products in the whole catalog, for paging.
    total: u64,
}

#[utoipa::path(get, path = "/products", tag = "catalog", params(PageQuery), responses(
    (status = 200, description = "One page of the catalog", body = ProductPage),
    (status = 422, description = "`validation_error`: page or per_page out of range", body = ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<ProductPage>> {
    let (page, per_page) = PageQuery::parse(q)?;
    let found = state.facade.list_products(page, per_page).await?;
    Ok(Json(ProductPage { items: found.items, total: found.total }))
}

#[utoipa::path(get, path = "/products/{id}", tag = "catalog", params(("id" = i64, Path, description = "Product id")), responses(
    (status = 200, description = "The product", body = ProductView),
    (status = 404, description = "`not_found`", body = ErrorBody),
))]
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<ProductView>> {
    Ok(Json(state.facade.product(parse_id(&id)?).await?))
}

/// Path ids: positive integers that fit an i64; anything else reads as not found.
pub fn parse_id(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or(ApiError::Domain(domain::DomainError::NotFound))
}
