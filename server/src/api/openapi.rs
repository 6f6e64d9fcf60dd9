//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`. Paths and schemas come from
//! the `#[utoipa::path]` annotations on the handlers, which are registered with `routes!` - the
//! same call that routes them - so a routed handler cannot be left out of the document.
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

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
    components(schemas(super::error::ErrorBody)),
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
