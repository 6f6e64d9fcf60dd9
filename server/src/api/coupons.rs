//! `/me/coupons` and `/coupons/{id}/claim`.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::coupons::IssuedCouponView;
use serde::Serialize;
use utoipa::ToSchema;

use super::catalog::parse_id;
use super::error::ApiResult;
use super::error::ErrorBody;
use super::extract::CurrentUser;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct IssuedCouponList {
    items: Vec<IssuedCouponView>,
}

#[utoipa::path(get, path = "/me/coupons", tag = "coupons", security(("session" = [])), responses(
    (status = 200, description = "The coupons issued to the signed-in shopper", body = IssuedCouponList),
    (status = 401, description = "`unauthorized`", body = ErrorBody),
))]
pub async fn mine(State(state): State<AppState>, CurrentUser(user): CurrentUser) -> ApiResult<Json<IssuedCouponList>> {
    Ok(Json(IssuedCouponList { items: state.facade.coupons().coupons_of(user.id).await? }))
}

#[utoipa::path(post, path = "/coupons/{coupon_id}/claim", tag = "coupons", security(("session" = [])),
    params(("coupon_id" = i64, Path, description = "The coupon campaign")),
    responses(
        (status = 201, description = "Claimed: the issued coupon", body = IssuedCouponView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such campaign", body = ErrorBody),
        (status = 409, description = "`conflict`: already claimed, or the campaign is exhausted", body = ErrorBody),
))]
pub async fn claim(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(coupon_id): Path<String>,
) -> ApiResult<(StatusCode, Json<IssuedCouponView>)> {
    let issued = state.facade.coupons().claim_coupon(user.id, parse_id(&coupon_id)?).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}
