//! The HTTP series: requests and their duration by method, route template
//! and status. The route is the template the router matched (`/api/v1/orders/{id}`), never the
//! raw path, so a scan of random URLs adds no series: what no route matched (static files, 404
//! pages) is one value, `fallback`. Installed only when `METRICS_ADDR` is set.
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

pub const HTTP_REQUESTS: &str = "shop_http_requests_total";
pub const HTTP_DURATION: &str = "shop_http_request_duration_seconds";
/// Buckets of request durations: pages and API calls take milliseconds; 30 s is the timeout.
pub const HTTP_DURATION_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];
/// The server's histograms with their buckets, for the exporter.
pub const HISTOGRAMS: &[(&str, &[f64])] = &[(HTTP_DURATION, HTTP_DURATION_BUCKETS)];

/// The HELP lines of the server's series and of the domain's (call once, after the exporter is
/// installed).
pub fn describe() {
    domain::metrics::describe();
    metrics::describe_counter!(HTTP_REQUESTS, "HTTP requests by method, route template and status.");
    metrics::describe_counter!(
        crate::overload::SHED,
        "Requests answered 503 at once because the server was serving as many as it takes."
    );
    metrics::describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "HTTP request duration by method, route template and status."
    );
}

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
