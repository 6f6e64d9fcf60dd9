//! `/admin/...`: products, coupon campaigns, orders. Every handler takes [`Admin`].
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use domain::catalog::ProductView;
use domain::catalog::{NewProduct, ProductOption, ProductPatch};
use domain::coupons::CouponKind;
use domain::coupons::NewCoupon;
use domain::coupons::{CouponView, IssuedCouponView};
use domain::orders::{AdminOrder, OrderFilter, parse_status_filter};
use domain::orders::{OrderEventView, OrderView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::catalog::{paging, parse_id};
use super::error::ErrorBody;
use super::error::{ApiError, ApiResult};
use super::extract::{Admin, Body, present};
use crate::state::AppState;
use domain::Field;
use domain::types::UserId;

#[derive(Deserialize, ToSchema)]
pub struct CreateProduct {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    #[schema(max_length = 5000)]
    description: Option<String>,
    /// KRW, 0 to 10^12. Required without options; with options and no `variants`, the price of
    /// every generated combination; with `variants`, left out (each has its own).
    #[schema(minimum = 0, maximum = 1_000_000_000_000_i64)]
    price: Option<i64>,
    /// Required without options; left out with options (the stock is the variants').
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    stock: Option<i64>,
    /// `on_sale` (default) or `stopped`.
    #[schema(example = "on_sale")]
    status: Option<String>,
    /// A category slug (`GET /categories`); absent or null: on no shelf.
    #[schema(max_length = 64)]
    category: Option<String>,
    /// Up to 3 option names with their values, in the order shoppers see them.
    #[schema(max_items = 3)]
    options: Option<Vec<ProductOption>>,
    /// The variants offered, each naming one value of every option; absent: every combination,
    /// at `price`, with no stock.
    #[schema(max_items = 200)]
    variants: Option<Vec<super::admin_variants::VariantBody>>,
}

impl CreateProduct {
    fn parse(self) -> ApiResult<NewProduct> {
        let options = self.options.unwrap_or_default();
        let with_options = !options.is_empty();
        let variants = self.variants.unwrap_or_default();
        let has_variants = !variants.is_empty();
        let price = match self.price {
            Some(price) => price,
            None if with_options && has_variants => 0,
            None => return Err(ApiError::field(Field::Price, "required")),
        };
        let stock = match self.stock {
            Some(stock) => stock,
            None if with_options => 0,
            None => return Err(ApiError::field(Field::Stock, "required")),
        };
        let variants = variants.into_iter().map(super::admin_variants::VariantBody::parse).collect::<ApiResult<_>>()?;
        Ok(NewProduct::parse(&self.name, self.description.as_deref(), price, stock, self.status.as_deref())?
            .in_category(self.category.as_deref())?
            .with_options(options, variants)?)
    }
}

#[utoipa::path(post, path = "/admin/products", tag = "admin", security(("session" = [])), request_body = CreateProduct,
    responses(
        (status = 201, description = "Created; the initial stock is recorded as an adjustment", body = ProductView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 409, description = "`conflict`: a combination or SKU named twice or already taken", body = ErrorBody),
        (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
pub async fn create_product(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Body(b): Body<CreateProduct>,
) -> ApiResult<(StatusCode, Json<ProductView>)> {
    let p = b.parse()?;
    Ok((StatusCode::CREATED, Json(state.facade.catalog().create_product(p, Some(admin.id)).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct PatchProduct {
    #[schema(min_length = 1, max_length = 200)]
    name: Option<String>,
    /// Refused (422) for a product with options: its price follows its variants'.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_i64)]
    price: Option<i64>,
    /// The new on-hand stock; the change is recorded as an adjustment. Refused (422) for a
    /// product with options: change its variants' (`PATCH /admin/variants/{id}`).
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    stock: Option<i64>,
    /// `on_sale` or `stopped`.
    status: Option<String>,
    #[schema(max_length = 5000)]
    description: Option<String>,
    /// A category slug; null takes the product off every shelf; absent leaves it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 64)]
    category: Option<Option<String>>,
}

#[utoipa::path(patch, path = "/admin/products/{id}", tag = "admin", security(("session" = [])), request_body = PatchProduct,
    params(("id" = i64, Path, description = "Product id")),
    responses(
        (status = 200, description = "Updated", body = ProductView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
pub async fn patch_product(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Body(b): Body<PatchProduct>,
) -> ApiResult<Json<ProductView>> {
    let patch = ProductPatch::parse(b.name.as_deref(), b.price, b.stock, b.status.as_deref())?
        .with_description(b.description.as_deref())?
        .with_category(b.category.as_ref().map(Option::as_deref))?;
    Ok(Json(state.facade.catalog().update_product(parse_id(&id)?, patch, Some(admin.id)).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateCoupon {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    kind: CouponKind,
    /// KRW off (`fixed`), or 1 to 100 percent (`percent`).
    #[schema(minimum = 1)]
    value: i64,
    /// The cap of a percent discount, KRW.
    #[schema(minimum = 0)]
    max_discount: Option<i64>,
    /// The subtotal an order needs for the coupon to apply, KRW (default 0).
    #[schema(minimum = 0)]
    min_order_amount: Option<i64>,
    /// Default: now.
    valid_from: Option<DateTime<Utc>>,
    /// Default: open-ended. Must be after `valid_from`.
    valid_until: Option<DateTime<Utc>>,
    /// How many shoppers can claim it (1 to 10^8); absent: only issued by admins.
    #[schema(minimum = 1, maximum = 100_000_000)]
    quantity: Option<i64>,
}

#[utoipa::path(post, path = "/admin/coupons", tag = "admin", security(("session" = [])), request_body = CreateCoupon,
    responses(
        (status = 201, description = "The campaign", body = CouponView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
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
    Ok((StatusCode::CREATED, Json(state.facade.coupons().create_coupon(c).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct Issue {
    #[schema(minimum = 1)]
    user_id: i64,
}

#[utoipa::path(post, path = "/admin/coupons/{id}/issue", tag = "admin", security(("session" = [])), request_body = Issue,
    params(("id" = i64, Path, description = "Coupon campaign id")),
    responses(
        (status = 201, description = "Issued", body = IssuedCouponView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such campaign", body = ErrorBody),
        (status = 409, description = "`conflict`: the user already holds it, or the campaign is exhausted or over", body = ErrorBody),
        (status = "4XX", description = "`validation_error` (also for an unknown user)", body = ErrorBody),
))]
pub async fn issue_coupon(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
    Body(b): Body<Issue>,
) -> ApiResult<(StatusCode, Json<IssuedCouponView>)> {
    Ok((StatusCode::CREATED, Json(state.facade.coupons().issue_coupon(parse_id(&id)?, UserId(b.user_id)).await?)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrdersQuery {
    /// `pending_payment`, `paid`, `refunded` or `cancelled`; also `expired`, `by_customer` or `by_admin` (the
    /// kinds of cancelled).
    status: Option<String>,
    user_id: Option<i64>,
    /// From 1; default 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u64>,
    /// 1 to 100; default 20.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
}

/// An order as admins see it: with its shopper's email.
#[derive(Serialize, ToSchema)]
pub struct AdminOrderBody {
    #[serde(flatten)]
    order: OrderView,
    user_email: String,
}

impl From<AdminOrder> for AdminOrderBody {
    fn from(o: AdminOrder) -> Self {
        Self { order: o.order, user_email: o.user_email }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AdminOrderPage {
    /// Newest first.
    items: Vec<AdminOrderBody>,
    total: u64,
}

#[derive(Serialize, ToSchema)]
pub struct AdminOrderDetail {
    #[serde(flatten)]
    order: AdminOrderBody,
    /// What happened to the order, oldest first.
    events: Vec<OrderEventView>,
}

#[derive(Serialize, ToSchema)]
pub struct Expired {
    /// Orders cancelled by this sweep.
    expired: u64,
}

#[utoipa::path(get, path = "/admin/orders", tag = "admin", security(("session" = [])), params(OrdersQuery),
    responses(
        (status = 200, description = "Orders, filtered and paged", body = AdminOrderPage),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 422, description = "`validation_error`: unknown status, or paging out of range", body = ErrorBody),
))]
pub async fn orders(
    State(state): State<AppState>,
    Admin(_): Admin,
    q: Result<Query<OrdersQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<AdminOrderPage>> {
    let Query(q) = q.map_err(|_| ApiError::field(Field::Query, "status, user_id, page and per_page are expected"))?;
    let filter = OrderFilter {
        status: q.status.as_deref().map(parse_status_filter).transpose()?,
        user_id: q.user_id.map(UserId),
        ..OrderFilter::default()
    };
    let (page, per_page) = paging(q.page, q.per_page)?;
    let found = state.facade.orders().admin_orders(&filter, page, per_page).await?;
    let items = found.items.into_iter().map(Into::into).collect();
    Ok(Json(AdminOrderPage { items, total: found.total }))
}

#[utoipa::path(get, path = "/admin/orders/{id}", tag = "admin", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order with its events", body = AdminOrderDetail),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
))]
pub async fn order(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<AdminOrderDetail>> {
    let (order, events) = state.facade.orders().admin_order(parse_id(&id)?).await?;
    Ok(Json(AdminOrderDetail { order: order.into(), events }))
}

#[utoipa::path(post, path = "/admin/orders/{id}/cancel", tag = "admin", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "Cancelled (`by_admin`); stock and coupon are back", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`order_not_cancellable`: the order is not awaiting payment", body = ErrorBody),
))]
pub async fn cancel_order(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.orders().cancel_by_admin(parse_id(&id)?).await?))
}

#[utoipa::path(post, path = "/admin/orders/{id}/refund", tag = "admin", security(("session" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "Refunded: the gateway gave the money back, stock (and the coupon, while its window is open) came back", body = OrderView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 402, description = "`refund_declined`: the gateway refused; the order stays paid", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`order_not_refundable`: the order is not paid (or was refunded already)", body = ErrorBody),
))]
pub async fn refund_order(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    Ok(Json(state.facade.orders().refund(parse_id(&id)?).await?))
}

#[utoipa::path(post, path = "/admin/orders/expire-due", tag = "admin", security(("session" = [])),
    responses(
        (status = 200, description = "One sweep ran now", body = Expired),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
))]
pub async fn expire_due(State(state): State<AppState>, Admin(_): Admin) -> ApiResult<Json<Expired>> {
    let expired = state.facade.orders().expire_all_due(domain::orders::SWEEP_BATCH).await?;
    Ok(Json(Expired { expired }))
}
