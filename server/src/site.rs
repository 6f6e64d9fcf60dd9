//! The site's static files: the hydration bundle under `/pkg` and the favicon, served from memory
//! in a release build (`static_in_memory`) and by tower-http's `ServeDir` in development (not
//! through the page renderer's fallback).
//!
//! A release build (`make release`) names the bundle's files by their content's hash, writes the
//! hashes to `hash.txt` beside the server binary, and precompresses every file (brotli and gzip):
//! those files are served compressed and cached for a year. A development build keeps plain names,
//! which browsers must revalidate. A server whose pages would name files its site does not hold
//! refuses to start, saying which file is missing.
use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

pub use app::bundle::Bundle;

/// `/pkg/*` and `/favicon.svg` from the site at `site_root`: a release site's from memory, a
/// development site's from its files (rebuilt while the server runs).
pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &Path, bundle: &Bundle) -> Router<S> {
    if bundle.hashed {
        match crate::static_in_memory::Assets::load(site_root) {
            Ok(assets) => return assets.routes(),
            Err(e) => tracing::warn!(error = %e, "could not read the site's files into memory; serving them from disk"),
        }
    }
    let policy = if bundle.hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    let pkg = Router::new()
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(move |response: Response| async move { cache_for(response, policy) }));
    let favicon = Router::new().route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg"))).layer(
        axum::middleware::map_response(
            |response: Response| async move { cache_for(response, "public, max-age=86400") },
        ),
    );
    pkg.merge(favicon)
}

fn cache_for(mut response: Response, policy: &'static str) -> Response {
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
