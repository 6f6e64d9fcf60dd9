//! `/products`: the public catalog.
use axum::Json;
use axum::extract::{Path, Query, State};
use domain::views::ProductView;
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<u64>,
    per_page: Option<u64>,
}

impl PageQuery {
    /// (page from 1, per_page 1..=100; default 20).
    pub fn parse(q: Result<Query<Self>, axum::extract::rejection::QueryRejection>) -> ApiResult<(u64, u64)> {
        let Query(q) = q.map_err(|_| ApiError::field("page", "page and per_page must be positive whole numbers"))?;
        paging(q.page, q.per_page)
    }
}

/// `page` (from 1, default 1) and `per_page` (1..=100, default 20) of every listing.
pub fn paging(page: Option<u64>, per_page: Option<u64>) -> ApiResult<(u64, u64)> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(20);
    if page == 0 {
        return Err(ApiError::field("page", "pages start at 1"));
    }
    if !(1..=domain::catalog::MAX_PER_PAGE).contains(&per_page) {
        return Err(ApiError::field("per_page", "must be between 1 and 100"));
    }
    Ok((page, per_page))
}

pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let (page, per_page) = PageQuery::parse(q)?;
    let found = state.facade.list_products(page, per_page).await?;
    Ok(Json(json!({ "items": found.items, "total": found.total })))
}

pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<ProductView>> {
    Ok(Json(state.facade.product(parse_id(&id)?).await?))
}

/// Path ids: positive integers that fit an i64; anything else reads as not found.
pub fn parse_id(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or(ApiError::Domain(domain::DomainError::NotFound))
}
