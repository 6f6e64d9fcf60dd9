//! `/admin/...`: products, coupon campaigns, orders. Every handler takes [`Admin`].
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use domain::catalog::{NewProduct, ProductPatch};
use domain::coupons::NewCoupon;
use domain::discount::CouponKind;
use domain::orders::{AdminOrder, parse_status_filter};
use domain::views::{CouponView, IssuedCouponView, ProductView};
use serde::Deserialize;
use serde_json::{Value, json};

use super::catalog::{paging, parse_id};
use super::error::{ApiError, ApiResult};
use super::extract::{Admin, Body};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct CreateProduct {
    name: String,
    description: Option<String>,
    price: i64,
    stock: i64,
    status: Option<String>,
}

pub async fn create_product(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Body(b): Body<CreateProduct>,
) -> ApiResult<(StatusCode, Json<ProductView>)> {
    let p = NewProduct::parse(&b.name, b.description.as_deref(), b.price, b.stock, b.status.as_deref())?;
    Ok((StatusCode::CREATED, Json(state.facade.create_product(p, Some(admin.id)).await?)))
}

#[derive(Deserialize)]
pub struct PatchProduct {
    name: Option<String>,
    price: Option<i64>,
    stock: Option<i64>,
    status: Option<String>,
}

pub async fn patch_product(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Body(b): Body<PatchProduct>,
) -> ApiResult<Json<ProductView>> {
    let patch = ProductPatch::parse(b.name.as_deref(), b.price, b.stock, b.status.as_deref())?;
    Ok(Json(state.facade.update_product(parse_id(&id)?, patch, Some(admin.id)).await?))
}

#[derive(Deserialize)]
pub struct CreateCoupon {
    name: String,
    kind: CouponKind,
    value: i64,
    max_discount: Option<i64>,
    min_order_amount: Option<i64>,
    valid_from: Option<DateTime<Utc>>,
    valid_until: Option<DateTime<Utc>>,
    quantity: Option<i64>,
}

pub async fn create_coupon(
    State(state): State<AppState>,
    Admin(_): Admin,
    Body(b): Body<CreateCoupon>,
) -> ApiResult<(StatusCode, Json<CouponView>)> {
    let c = NewCoupon::parse(
        &b.name,
        b.kind,
        b.value,
        b.max_discount,
        b.min_order_amount,
        b.valid_from,
        b.valid_until,
        b.quantity,
    )?;
    Ok((StatusCode::CREATED, Json(state.facade.create_coupon(c).await?)))
}

#[derive(Deserialize)]
pub struct Issue {
    user_id: i64,
}

pub async fn issue_coupon(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
    Body(b): Body<Issue>,
) -> ApiResult<(StatusCode, Json<IssuedCouponView>)> {
    Ok((StatusCode::CREATED, Json(state.facade.issue_coupon(parse_id(&id)?, b.user_id).await?)))
}

#[derive(Deserialize)]
pub struct OrdersQuery {
    status: Option<String>,
    user_id: Option<i64>,
    page: Option<u64>,
    per_page: Option<u64>,
}

pub async fn orders(
    State(state): State<AppState>,
    Admin(_): Admin,
    q: Result<Query<OrdersQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(q) = q.map_err(|_| ApiError::field("query", "status, user_id, page and per_page are expected"))?;
    let status = q.status.as_deref().map(parse_status_filter).transpose()?;
    let (page, per_page) = paging(q.page, q.per_page)?;
    let found = state.facade.admin_orders(status, q.user_id, page, per_page).await?;
    let items: Vec<Value> = found.items.iter().map(admin_order_body).collect();
    Ok(Json(json!({ "items": items, "total": found.total })))
}

pub async fn order(State(state): State<AppState>, Admin(_): Admin, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (order, events) = state.facade.admin_order(parse_id(&id)?).await?;
    let mut body = admin_order_body(&order);
    body["events"] = json!(events);
    Ok(Json(body))
}

pub async fn expire_due(State(state): State<AppState>, Admin(_): Admin) -> ApiResult<Json<Value>> {
    let expired = worker::sweep_once(&state.facade, worker::SWEEP_BATCH).await?;
    Ok(Json(json!({ "expired": expired })))
}

fn admin_order_body(o: &AdminOrder) -> Value {
    let mut body = json!(o.order);
    body["user_email"] = json!(o.user_email);
    body
}
