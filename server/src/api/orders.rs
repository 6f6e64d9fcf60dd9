//! `/orders`: quote, place (idempotent), list, read, pay, cancel.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use domain::PlaceOrder;
use domain::types::{IdempotencyKey, OrderLines};
use domain::views::{OrderView, Quote};
use serde::Deserialize;
use serde_json::{Value, json};

use super::catalog::parse_id;
use super::error::{ApiError, ApiResult};
use super::extract::{Body, CurrentUser};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Line {
    product_id: i64,
    quantity: i64,
}

#[derive(Deserialize)]
pub struct OrderBody {
    items: Vec<Line>,
    coupon_id: Option<i64>,
}

impl OrderBody {
    fn parse(self, key: Option<IdempotencyKey>) -> ApiResult<PlaceOrder> {
        if self.coupon_id.is_some_and(|c| c <= 0) {
            return Err(ApiError::field("coupon_id", "must be a positive id"));
        }
        Ok(PlaceOrder {
            lines: OrderLines::parse(self.items.into_iter().map(|l| (l.product_id, l.quantity)))?,
            coupon_id: self.coupon_id,
            idempotency_key: key,
        })
    }
}

pub async fn quote(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(body): Body<OrderBody>,
) -> ApiResult<Json<Quote>> {
    Ok(Json(state.facade.quote(user.id, &body.parse(None)?).await?))
}

pub async fn place(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Body(body): Body<OrderBody>,
) -> ApiResult<(StatusCode, Json<OrderView>)> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            Some(IdempotencyKey::parse(v.to_str().map_err(|_| ApiError::field("Idempotency-Key", "must be ASCII"))?)?)
        }
    };
    let placed = state.facade.place_order(user.id, body.parse(key)?).await?;
    let status = if placed.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(placed.order)))
}

pub async fn list(State(state): State<AppState>, CurrentUser(user): CurrentUser) -> ApiResult<Json<Value>> {
    Ok(Json(json!({ "items": state.facade.orders_of(user.id).await?.items })))
}

pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.order_for(user.id, parse_id(&id)?).await?))
}

#[derive(Deserialize, Default)]
pub struct Payment {
    card_number: Option<String>,
}

pub async fn pay(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<OrderView>> {
    // The body is optional: no body pays with the test gateway's default card.
    let payment: Payment = if body.iter().all(u8::is_ascii_whitespace) {
        Payment::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| ApiError::field("card_number", e.to_string()))?
    };
    if payment.card_number.as_ref().is_some_and(|c| c.len() > 32) {
        return Err(ApiError::field("card_number", "at most 32 characters"));
    }
    Ok(Json(state.facade.pay(user.id, parse_id(&id)?, payment.card_number.as_deref()).await?))
}

pub async fn cancel(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.cancel_by_customer(user.id, parse_id(&id)?).await?))
}
