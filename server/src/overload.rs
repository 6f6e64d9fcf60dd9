//! Past capacity, an honest and fast refusal instead of a queue: a bound on the requests one
//! server serves at once (tower's `concurrency_limit`), and past it `load_shed` answers at once
//! with `503 Service Unavailable` and `Retry-After: 1` - never a wait until the 30 s timeout.
//!
//! Requests fall into three classes, each behind its own bound:
//! - health checks (`/healthz`, `/readyz`): never bounded, so an orchestrator reads the truth
//!   while the shop is busy (the metrics have a listener of their own);
//! - staff (the admin pages, their server functions and `/api/v1/admin/*`): a bound of their own,
//!   so a crowd in the shop never queues the people running it;
//! - everything else: the shop's bound (`MAX_REQUESTS_IN_FLIGHT`).
use std::convert::Infallible;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::util::BoxCloneSyncService;
use tower::{BoxError, ServiceBuilder, ServiceExt};

use crate::api::error::ErrorBody;

/// Which bound a request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Health,
    Staff,
    Shop,
}

/// The class of a request's path.
pub fn class(path: &str) -> Class {
    match path {
        "/healthz" | "/readyz" => Class::Health,
        p if p == "/admin"
            || p.starts_with("/admin/")
            || p.starts_with("/api/v1/admin/")
            // The admin pages' server functions (`#[server(endpoint = "admin_...")]`).
            || p.starts_with("/api/admin_") =>
        {
            Class::Staff
        }
        _ => Class::Shop,
    }
}

type Bounded = BoxCloneSyncService<Request, Response, Infallible>;

/// `app` behind the three bounds: a router that sends each request through its class's bound.
pub fn bounded(app: Router, shop: usize, staff: usize) -> Router {
    let bound = |limit: usize| -> Bounded {
        BoxCloneSyncService::new(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { overloaded() }))
                .load_shed()
                .concurrency_limit(limit)
                .service(app.clone()),
        )
    };
    let (shop, staff, health) = (bound(shop), bound(staff), app.clone());
    Router::new().fallback_service(tower::service_fn(move |request: Request| {
        let service: Bounded = match class(request.uri().path()) {
            Class::Health => BoxCloneSyncService::new(health.clone()),
            Class::Staff => staff.clone(),
            Class::Shop => shop.clone(),
        };
        service.oneshot(request)
    }))
}

/// The answer past the bound: the API's error body (`code` `unavailable`) with `Retry-After`.
/// Pages get it too: a browser shows the sentence, and its retry is one click.
fn overloaded() -> Response {
    metrics::counter!(SHED).increment(1);
    let body = ErrorBody::plain(domain::ErrorCode::Unavailable, "the shop is busy right now; try again in a moment");
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Requests answered 503 because the server was at its bound.
pub const SHED: &str = "shop_http_requests_shed_total";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_and_staff_paths_have_their_own_class() {
        assert_eq!(class("/healthz"), Class::Health);
        assert_eq!(class("/readyz"), Class::Health);
        for staff in ["/admin", "/admin/orders/3", "/admin/orders.csv", "/api/v1/admin/orders", "/api/admin_orders"] {
            assert_eq!(class(staff), Class::Staff, "{staff}");
        }
        for shop in ["/", "/products/1", "/api/v1/orders", "/api/place_order", "/administrator", "/pkg/shop.wasm"] {
            assert_eq!(class(shop), Class::Shop, "{shop}");
        }
    }

    /// Past the bound a request is refused at once; health checks pass meanwhile.
    #[tokio::test]
    async fn past_the_bound_requests_are_refused_at_once_and_health_checks_pass() {
        use axum::routing::get;
        let (release, held) = tokio::sync::watch::channel(false);
        let app = Router::new()
            .route(
                "/slow",
                get(move || {
                    let mut release = held.clone();
                    async move {
                        let _ = release.wait_for(|go| *go).await;
                        "done"
                    }
                }),
            )
            .route("/healthz", get(|| async { "ok" }));
        let router = bounded(app, 2, 2);
        let call = |path: &'static str| {
            let router = router.clone();
            async move { router.oneshot(Request::get(path).body(axum::body::Body::empty()).unwrap()).await.unwrap() }
        };
        let first = tokio::spawn(call("/slow"));
        let second = tokio::spawn(call("/slow"));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let started = std::time::Instant::now();
        let third = call("/slow").await;
        assert_eq!(third.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(third.headers()[header::RETRY_AFTER], "1");
        assert!(started.elapsed() < std::time::Duration::from_millis(50), "refused after {:?}", started.elapsed());
        assert_eq!(call("/healthz").await.status(), StatusCode::OK);
        release.send(true).unwrap();
        assert_eq!(first.await.unwrap().status(), StatusCode::OK);
        assert_eq!(second.await.unwrap().status(), StatusCode::OK);
        assert_eq!(call("/slow").await.status(), StatusCode::OK, "the bound frees as requests end");
    }
}
