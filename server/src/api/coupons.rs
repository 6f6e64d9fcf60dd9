//! `/me/coupons` and `/coupons/{id}/claim`.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::views::IssuedCouponView;
use serde_json::{Value, json};

use super::catalog::parse_id;
use super::error::ApiResult;
use super::extract::CurrentUser;
use crate::state::AppState;

pub async fn mine(State(state): State<AppState>, CurrentUser(user): CurrentUser) -> ApiResult<Json<Value>> {
    Ok(Json(json!({ "items": state.facade.coupons_of(user.id).await? })))
}

pub async fn claim(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(coupon_id): Path<String>,
) -> ApiResult<(StatusCode, Json<IssuedCouponView>)> {
    let issued = state.facade.claim_coupon(user.id, parse_id(&coupon_id)?).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}
