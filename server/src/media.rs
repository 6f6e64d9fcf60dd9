//! `GET /media/{hash}`: a product image rendition, from the database. Its URL names the SHA-256
//! of its bytes, so it never changes: browsers and proxies keep it for a year without asking
//! again.
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

pub async fn serve(State(state): State<AppState>, Path(hash): Path<String>, request: HeaderMap) -> Response {
    let etag = format!("\"{hash}\"");
    let cache = [
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        (header::ETAG, HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""))),
    ];
    // Same URL, same bytes: a revalidation needs no read.
    if request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    match state.facade.catalog().media(&hash).await {
        Ok(Some((content_type, bytes))) => {
            let content_type = HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("image/jpeg"));
            (cache, [(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading an image failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
