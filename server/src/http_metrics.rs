//! The HTTP series (`domain::metrics`): requests and their duration by method, route template
//! and status. The route is the template the router matched (`/api/v1/orders/{id}`), never the
//! raw path, so a scan of random URLs adds no series: what no route matched (static files, 404
//! pages) is one value, `fallback`. Installed only when `METRICS_ADDR` is set.
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use domain::metrics::{HTTP_DURATION, HTTP_REQUESTS};

/// The matched route, carried from inside the router (where it is known) to [`record`].
#[derive(Clone)]
struct RouteTemplate(String);

/// Layered on the routes (`route_layer`): notes the template the request matched.
pub async fn note_route(request: Request, next: Next) -> Response {
    let template = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(template) = template {
        response.extensions_mut().insert(RouteTemplate(template));
    }
    response
}

/// Layered around everything (timeouts included): counts and times each request.
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = known_method(request.method());
    let response = next.run(request).await;
    let route = response.extensions().get::<RouteTemplate>().map_or_else(|| "fallback".to_owned(), |r| r.0.clone());
    let labels = [("method", method.to_owned()), ("route", route), ("status", response.status().as_u16().to_string())];
    metrics::counter!(HTTP_REQUESTS, &labels).increment(1);
    metrics::histogram!(HTTP_DURATION, &labels).record(started.elapsed().as_secs_f64());
    response
}

/// Any method outside the standard ones is `other`: a client cannot invent label values.
fn known_method(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
