//! The pages' server functions answer a failure with leptos's blanket 500 and a `ShopError` body
//! (`{"code","message",...}`). This gives those responses the contract's status for their code
//! instead (404, 409, 422, ...), so logs, proxies and clients see what happened - an expected
//! refusal is not a server error. Plain form posts (no JavaScript) are redirects and untouched.
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Server functions live under `/api/`, beside the JSON API's `/api/v1/`.
fn is_server_fn(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with(crate::api::PREFIX)
}

pub async fn middleware(request: Request, next: Next) -> Response {
    let server_fn = is_server_fn(request.uri().path());
    let response = next.run(request).await;
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // A ShopError is a few hundred bytes; anything larger is passed on as it was not read whole.
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let code = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned));
    if let Some(code) = code {
        parts.status = crate::api::error::status_of(&code);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_server_function_paths_are_rewritten() {
        assert!(super::is_server_fn("/api/place_order"));
        assert!(!super::is_server_fn("/api/v1/orders"));
        assert!(!super::is_server_fn("/orders/1"));
    }
}
