//! The JSON API v1 (README, "JSON API v1"; served as `/api/v1/openapi.json`): thin handlers over `domain::OrderFacade`.
mod accounts;
mod admin;
mod admin_catalog;
mod admin_variants;
mod catalog;
mod coupons;
pub mod error;
pub mod extract;
pub mod openapi;
mod orders;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
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
        .routes(routes!(admin_variants::create_variant))
        .routes(routes!(admin_variants::patch_variant))
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
    let routes = documented_only(routes, &doc);
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

/// Every operation the API answers is one its document describes. A method the document does
/// not list for a path answers 405 with the listed ones in `Allow` (as axum would); a path the
/// document lacks altogether - a handler routed some other way than `routes!` - answers the
/// "no such endpoint" 404 and logs why, instead of serving clients an operation they cannot read
/// about.
fn documented_only<S: Clone + Send + Sync + 'static>(routes: Router<S>, doc: &utoipa::openapi::OpenApi) -> Router<S> {
    let mut documented: HashMap<String, Vec<Method>> = HashMap::new();
    for (method, path) in operations(doc) {
        documented.entry(path).or_default().push(method);
    }
    let documented = Arc::new(documented);
    routes.route_layer(axum::middleware::from_fn(move |req: Request, next: Next| {
        let documented = documented.clone();
        async move {
            // Borrowed, not copied: this runs on every API request, placing orders included.
            let path = req.extensions().get::<MatchedPath>().map_or("", MatchedPath::as_str);
            // axum answers HEAD with the GET handler; the document lists only the GET.
            let method = if req.method() == Method::HEAD { Method::GET } else { req.method().clone() };
            match documented.get(path) {
                Some(methods) if methods.contains(&method) => next.run(req).await,
                Some(methods) => {
                    let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(",");
                    (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, allow)]).into_response()
                }
                None => {
                    tracing::error!(method = %req.method(), %path, "an API route is missing from the OpenAPI document");
                    error::ApiError::NoRoute.into_response()
                }
            }
        }
    }))
}

/// The document's operations: (method, path as routed, e.g. `/api/v1/orders/{id}`).
fn operations(doc: &utoipa::openapi::OpenApi) -> impl Iterator<Item = (Method, String)> + '_ {
    doc.paths.paths.iter().flat_map(|(path, item)| {
        [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::PATCH, &item.patch),
            (Method::DELETE, &item.delete),
            (Method::HEAD, &item.head),
            (Method::OPTIONS, &item.options),
            (Method::TRACE, &item.trace),
        ]
        .into_iter()
        .filter(|(_, op)| op.is_some())
        .map(move |(method, _)| (method, path.clone()))
    })
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    /// The guard at work on a router that also has a handler routed without `routes!`: the
    /// documented one answers, the other is the JSON "no such endpoint".
    #[tokio::test]
    async fn a_route_missing_from_the_document_is_not_served() {
        let (_, doc) = super::router();
        let probe = Router::new()
            .route("/api/v1/categories", get(|| async { "documented" }))
            .route("/api/v1/undocumented", get(|| async { "hidden" }))
            .route("/api/v1/products", axum::routing::delete(|| async { "hidden" }));
        let app = super::documented_only(probe, &doc);
        let call = |method: &str, uri: &str| {
            let app = app.clone();
            let req = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
            async move { app.oneshot(req).await.unwrap() }
        };
        assert_eq!(call("GET", "/api/v1/categories").await.status(), StatusCode::OK);
        let r = call("GET", "/api/v1/undocumented").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let body = axum::body::to_bytes(r.into_body(), 4096).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains(super::error::NO_ROUTE));
        // A method the document does not list for a path it knows: 405, naming the listed ones,
        // whether or not a handler was routed for it.
        for (method, uri) in [("DELETE", "/api/v1/products"), ("TRACE", "/api/v1/categories")] {
            let r = call(method, uri).await;
            assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            assert!(r.headers()["allow"].to_str().unwrap().contains("GET"), "{method} {uri}");
        }
    }

    /// Every operation of the document is one the contract names, each under the prefix.
    #[test]
    fn the_documents_operations_are_read_with_their_methods() {
        let (_, doc) = super::router();
        let ops: Vec<_> = super::operations(&doc).collect();
        assert!(ops.contains(&(axum::http::Method::POST, "/api/v1/orders".to_owned())), "{ops:?}");
        assert!(ops.contains(&(axum::http::Method::GET, "/api/v1/orders".to_owned())), "{ops:?}");
        assert!(ops.iter().all(|(_, p)| p.starts_with(super::PREFIX)), "{ops:?}");
    }

    /// Each state's schema lists the spellings clients receive, not the Rust names.
    #[test]
    fn the_states_are_documented_by_their_spellings() {
        let (_, doc) = super::router();
        let json: serde_json::Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
        let schemas = &json["components"]["schemas"];
        let listed = |name: &str| -> Vec<String> {
            let values = schemas[name]["enum"].as_array().unwrap_or_else(|| panic!("{name}: {}", schemas[name]));
            values.iter().map(|v| v.as_str().unwrap().to_owned()).collect()
        };
        let spelled = |all: Vec<&str>| all.into_iter().map(str::to_owned).collect::<Vec<_>>();
        use domain::status::*;
        assert_eq!(listed("OrderStatus"), spelled(OrderStatus::ALL.iter().map(|s| s.as_str()).collect()));
        assert_eq!(listed("CancelReason"), spelled(CancelReason::ALL.iter().map(|s| s.as_str()).collect()));
        assert_eq!(listed("CouponState"), spelled(CouponState::ALL.iter().map(|s| s.as_str()).collect()));
        assert_eq!(listed("ProductStatus"), spelled(ProductStatus::ALL.iter().map(|s| s.as_str()).collect()));
        assert_eq!(listed("Role"), spelled(Role::ALL.iter().map(|s| s.as_str()).collect()));
        assert_eq!(listed("EventKind"), spelled(EventKind::ALL.iter().map(|s| s.as_str()).collect()));
        assert!(listed("OrderStatus").contains(&"pending_payment".to_owned()));
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
