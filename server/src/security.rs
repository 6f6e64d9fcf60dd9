//! Protections every response and request gets: security headers, and a same-origin check on
//! state-changing requests that carry the session cookie (SameSite=Lax already keeps the cookie
//! off cross-site POSTs; the Origin check also covers old browsers and sibling subdomains).
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::DomainError;

use crate::api::error::ApiError;

/// Adds the security headers. Pages bring their own CSP (with the nonce of their hydration
/// script, `app::csp`); every other response - JSON, files, errors - gets one that allows nothing
/// to run or load.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
        );
    }
    response
}

/// Refuses a state-changing request with a session cookie whose `Origin` is another site.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && has_session_cookie(&request) && !origin_matches_host(&request) {
        tracing::warn!(origin = ?request.headers().get(header::ORIGIN), "cross-site request refused");
        return ApiError::Domain(DomainError::Forbidden).into_response();
    }
    next.run(request).await
}

fn has_session_cookie(request: &Request) -> bool {
    crate::api::extract::session_token(request.headers()).is_some()
}

/// No `Origin` (a non-browser client, or a same-origin GET-like navigation) passes; otherwise its
/// host must be the `Host` the request was sent to.
fn origin_matches_host(request: &Request) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = request.headers().get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin_host.eq_ignore_ascii_case(host)
}
