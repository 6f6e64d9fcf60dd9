//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`. Paths and schemas come from
//! the `#[utoipa::path]` annotations on the handlers, which are registered with `routes!` - the
//! same call that routes them - so a routed handler cannot be left out of the document.
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The body of every error response. `code` is one of the contract's error codes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// `validation_error`, `unauthorized`, `forbidden`, `not_found`, `invalid_product`,
    /// `out_of_stock`, `invalid_coupon`, `order_not_payable`, `order_not_cancellable`,
    /// `order_not_refundable`, `idempotency_conflict`, `conflict`, `payment_declined`,
    /// `refund_declined`, `rate_limited` or `internal`.
    pub code: String,
    /// For people; never carries internal detail.
    pub message: String,
    /// `validation_error`: the offending field (`body` when the JSON itself is malformed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `invalid_product`, `out_of_stock`: the product concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    /// `invalid_coupon`: `not_found`, `not_owner`, `already_used`, `reserved`, `expired`,
    /// `not_yet_valid` or `min_order_not_met`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The session cookie set by `POST /api/v1/session`.
pub const SESSION_SCHEME: &str = "session";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Shop API",
        description = "JSON API v1 of the shop: catalog, coupons, orders and administration. \
                       Money is integer KRW; times are RFC 3339 UTC.",
    ),
    modifiers(&SessionCookie),
    components(schemas(ErrorBody)),
    tags(
        (name = "accounts", description = "Sign-up, sign-in and the session"),
        (name = "catalog", description = "The public product catalog"),
        (name = "coupons", description = "A shopper's coupons"),
        (name = "orders", description = "Quote, place, pay and cancel"),
        (name = "admin", description = "Products, coupon campaigns and orders (role admin)"),
    )
)]
pub struct ApiDoc;

struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(super::extract::SESSION_COOKIE))),
        );
    }
}
