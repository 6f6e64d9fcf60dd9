//! `/orders`: quote, place (idempotent), list, read, pay, cancel.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use domain::PlaceOrder;
use domain::orders::{OrderView, Quote};
use domain::types::{IdempotencyKey, OrderLines, Shipping};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::catalog::parse_id;
use super::error::ErrorBody;
use super::error::{ApiError, ApiResult};
use super::extract::{Body, CurrentUser};
use crate::state::AppState;
use domain::Field;

#[derive(Deserialize, ToSchema)]
pub struct Line {
    #[schema(minimum = 1)]
    product_id: i64,
    /// The variant chosen: required for a product with options, refused for one without.
    #[schema(minimum = 1)]
    variant_id: Option<i64>,
    /// 1 to 99 units.
    #[schema(minimum = 1, maximum = 99)]
    quantity: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct OrderBody {
    /// 1 to 20 lines; lines of the same product are merged (at most 99 units in all).
    #[schema(min_items = 1, max_items = 20)]
    items: Vec<Line>,
    /// The issued coupon (`id` of `GET /me/coupons`), not the campaign.
    #[schema(minimum = 1)]
    coupon_id: Option<i64>,
    /// Where the order goes (optional here; the storefront always asks for one).
    shipping: Option<ShippingBody>,
}

/// A shipping address as sent.
#[derive(Deserialize, ToSchema)]
pub struct ShippingBody {
    /// 1 to 100 characters.
    #[schema(min_length = 1, max_length = 100)]
    recipient: String,
    /// 1 to 100 characters: digits, spaces, `-`, `+`, `(`, `)`.
    #[schema(min_length = 1, max_length = 100, pattern = r"^[0-9 +()\-]*[0-9][0-9 +()\-]*$")]
    phone: String,
    /// 5 digits.
    #[schema(pattern = r"^[0-9]{5}$")]
    postal_code: String,
    /// 1 to 100 characters.
    #[schema(min_length = 1, max_length = 100)]
    address1: String,
    /// At most 100 characters.
    #[schema(max_length = 100)]
    address2: Option<String>,
}

impl OrderBody {
    fn parse(self, key: Option<IdempotencyKey>) -> ApiResult<PlaceOrder> {
        if self.coupon_id.is_some_and(|c| c <= 0) {
            return Err(ApiError::field(Field::CouponId, "must be a positive id"));
        }
        let shipping = self
            .shipping
            .map(|s| Shipping::parse(&s.recipient, &s.phone, &s.postal_code, &s.address1, s.address2.as_deref()))
            .transpose()?;
        Ok(PlaceOrder {
            lines: OrderLines::parse_picks(self.items.into_iter().map(|l| (l.product_id, l.variant_id, l.quantity)))?,
            coupon_id: self.coupon_id,
            idempotency_key: key,
            shipping,
        })
    }
}

#[utoipa::path(post, path = "/orders/quote", tag = "orders", security(("session" = [])), request_body = OrderBody,
    responses(
        (status = 200, description = "What placing would cost; changes nothing", body = Quote),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`out_of_stock` (with `product_id`)", body = ErrorBody),
        (status = 422, description = "`invalid_product` (with `product_id`), `invalid_coupon` (with `reason`) or `validation_error`", body = ErrorBody),
        (status = "4XX", description = "`validation_error`: malformed, oversized or non-JSON body", body = ErrorBody),
))]
pub async fn quote(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(body): Body<OrderBody>,
) -> ApiResult<Json<Quote>> {
    Ok(Json(state.facade.orders().quote(user.id, &body.parse(None)?).await?))
}

#[utoipa::path(post, path = "/orders", tag = "orders", security(("session" = [])), request_body = OrderBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "1-64 characters: the same key and body again return the same order")),
    responses(
        (status = 201, description = "Placed: stock and coupon reserved, awaiting payment", body = OrderView),
        (status = 200, description = "An earlier order placed with the same key and body", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`out_of_stock` (with `product_id`), or `idempotency_conflict`: the key was used with another body", body = ErrorBody),
        (status = 422, description = "`invalid_product` (with `product_id`), `invalid_coupon` (with `reason`) or `validation_error`", body = ErrorBody),
        (status = "4XX", description = "`validation_error`: malformed, oversized or non-JSON body", body = ErrorBody),
))]
pub async fn place(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Body(body): Body<OrderBody>,
) -> ApiResult<(StatusCode, Json<OrderView>)> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => Some(IdempotencyKey::parse(
            v.to_str().map_err(|_| ApiError::field(Field::IdempotencyKeyHeader, "must be ASCII"))?,
        )?),
    };
    let placed = state.facade.orders().place_order(user.id, body.parse(key)?).await?;
    let status = if placed.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(placed.order)))
}

#[derive(Serialize, ToSchema)]
pub struct OrderList {
    /// Newest first.
    items: Vec<OrderView>,
}

#[utoipa::path(get, path = "/orders", tag = "orders", security(("session" = [])), responses(
    (status = 200, description = "The signed-in shopper's orders, newest first", body = OrderList),
    (status = 401, description = "`unauthorized`", body = ErrorBody),
))]
pub async fn list(State(state): State<AppState>, CurrentUser(user): CurrentUser) -> ApiResult<Json<OrderList>> {
    Ok(Json(OrderList { items: state.facade.orders().orders_of(user.id).await?.items }))
}

#[utoipa::path(get, path = "/orders/{id}", tag = "orders", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such order of the caller's", body = ErrorBody),
))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.orders().order_for(user.id, parse_id(&id)?).await?))
}

#[derive(Deserialize, Default, ToSchema)]
pub struct Payment {
    /// The test gateway declines `4000000000000002`; no card pays with its default card.
    #[schema(max_length = 32, example = "4242424242424242")]
    card_number: Option<String>,
}

#[utoipa::path(post, path = "/orders/{id}/payment", tag = "orders", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body(content = Option<Payment>, description = "Optional"),
    responses(
        (status = 200, description = "Paid", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 402, description = "`payment_declined`: the order stays pending", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`order_not_payable`: expired, cancelled or already paid", body = ErrorBody),
        (status = "4XX", description = "`validation_error`: malformed body or card number", body = ErrorBody),
))]
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
        serde_json::from_slice(&body).map_err(|e| ApiError::field(Field::CardNumber, e.to_string()))?
    };
    if payment.card_number.as_ref().is_some_and(|c| c.len() > 32) {
        return Err(ApiError::field(Field::CardNumber, "at most 32 characters"));
    }
    Ok(Json(state.facade.orders().pay(user.id, parse_id(&id)?, payment.card_number.as_deref()).await?))
}

#[utoipa::path(post, path = "/orders/{id}/cancel", tag = "orders", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "Cancelled (`by_customer`); stock and coupon are back", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`order_not_cancellable`: not pending", body = ErrorBody),
))]
pub async fn cancel(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.orders().cancel_by_customer(user.id, parse_id(&id)?).await?))
}
