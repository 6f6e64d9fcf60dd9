//! The JSON API v1 (README, "JSON API v1"; served as `/api/v1/openapi.json`): thin handlers over `domain::OrderFacade`.
mod accounts;
mod admin;
mod admin_catalog;
mod catalog;
mod coupons;
pub mod error;
pub mod extract;
pub mod openapi;
mod orders;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// Request bodies above this are refused before they are read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Where the API lives, and where its document is served.
pub const PREFIX: &str = "/api/v1";

/// The API's routes under [`PREFIX`], including `GET /api/v1/openapi.json`, and the document.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let api = OpenApiRouter::<AppState>::new()
        .routes(routes!(accounts::sign_up))
        .routes(routes!(accounts::sign_in, accounts::sign_out))
        .routes(routes!(accounts::me))
        .routes(routes!(coupons::mine))
        .routes(routes!(coupons::claim))
        .routes(routes!(catalog::list))
        .routes(routes!(catalog::get))
        .routes(routes!(catalog::categories))
        .routes(routes!(orders::quote))
        .routes(routes!(orders::place, orders::list))
        .routes(routes!(orders::get))
        .routes(routes!(orders::pay))
        .routes(routes!(orders::cancel))
        .routes(routes!(admin::create_product))
        .routes(routes!(admin::patch_product))
        .routes(routes!(admin::create_coupon))
        .routes(routes!(admin::issue_coupon))
        .routes(routes!(admin::orders))
        .routes(routes!(admin::expire_due))
        .routes(routes!(admin::order))
        .routes(routes!(admin::cancel_order))
        .routes(routes!(admin::refund_order))
        .routes(routes!(admin_catalog::create_category))
        // The one route that takes more than a JSON body's worth (the inner limit wins).
        .merge(
            OpenApiRouter::new()
                .routes(routes!(admin_catalog::upload_image))
                .layer(DefaultBodyLimit::max(admin_catalog::UPLOAD_BODY_LIMIT)),
        );
    // The document's info, tags and security scheme come from the outer router: nesting keeps
    // the outer document's info and merges in the paths and schemas of the inner one.
    let (routes, doc) =
        OpenApiRouter::<AppState>::with_openapi(openapi::ApiDoc::openapi()).nest(PREFIX, api).split_for_parts();
    // Serialised once: the document is fixed for the life of the process.
    let json: Arc<str> = doc.to_json().unwrap_or_default().into();
    let document = get(move || {
        let json = json.clone();
        async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], json.to_string()).into_response() }
    });
    // The document itself, and a JSON 404 for every other path under the prefix.
    let rest = Router::new().route("/openapi.json", document).fallback(|| async { error::ApiError::NoRoute });
    let router = routes.nest(PREFIX, rest).layer(DefaultBodyLimit::max(BODY_LIMIT));
    (router, doc)
}

#[cfg(test)]
mod tests {
    /// A handler routed with `.route(...)` would be missing from the document; `routes!` routes
    /// and documents in one call. The only plain route is the document itself.
    #[test]
    fn every_api_route_goes_through_the_documenting_macro() {
        let source = include_str!("mod.rs");
        let router_fn = &source[source.find("pub fn router()").unwrap()..source.find("#[cfg(test)]").unwrap()];
        assert_eq!(router_fn.matches(".route(").count(), 1, "a handler is routed without `routes!`");
        assert!(router_fn.contains(r#".route("/openapi.json", document)"#));
        assert!(!router_fn.contains(".route_service(") && !router_fn.contains(".nest_service("));
    }

    #[test]
    fn the_document_serialises_and_names_the_session_cookie() {
        let (_, doc) = super::router();
        let json = doc.to_pretty_json().unwrap();
        assert!(json.contains(r#""in": "cookie""#) && json.contains(super::extract::SESSION_COOKIE), "{json}");
        assert_eq!(doc.info.title, "Shop API", "our info, not utoipa-axum's package defaults");
        assert!(doc.components.as_ref().is_some_and(|c| c.schemas.contains_key("OrderView")));
    }
}
