//! The site's static files: the hydration bundle under `/pkg` and the favicon, served from memory
//! in a release build (`static_in_memory`) and by tower-http's `ServeDir` in development (not
//! through the page renderer's fallback).
//!
//! A release build (`make release`) names the bundle's files by their content's hash, writes the
//! hashes to `hash.txt` beside the server binary, and precompresses every file (brotli and gzip):
//! those files are served compressed and cached for a year. A development build keeps plain names,
//! which browsers must revalidate. A server whose pages would name files its site does not hold
//! refuses to start, saying which file is missing.
use std::path::{Path, PathBuf};

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// The file cargo-leptos writes beside the server binary when it hashes the bundle's names.
pub const HASH_FILE: &str = "hash.txt";

/// The names the pages give the bundle's files (inside `pkg/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Named by content hash (release build): cacheable forever.
    pub hashed: bool,
    pub js: String,
    pub wasm: String,
    pub css: String,
}

impl Bundle {
    /// What the pages of this binary will name: hashed names when `hash.txt` lies beside it.
    pub fn of_this_binary(output_name: &str) -> Self {
        let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)));
        match beside.and_then(|file| std::fs::read_to_string(file).ok()) {
            Some(hashes) => Self::hashed(output_name, &hashes),
            None => Self::plain(output_name),
        }
    }

    fn plain(name: &str) -> Self {
        Self { hashed: false, js: format!("{name}.js"), wasm: format!("{name}.wasm"), css: format!("{name}.css") }
    }

    /// From `hash.txt`'s `js: <hash>`, `wasm: <hash>`, `css: <hash>` lines.
    fn hashed(name: &str, hashes: &str) -> Self {
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.trim().split_once(':')?;
                (file.trim() == kind).then(|| hash.trim().to_owned())
            })
        };
        let named = |kind: &str| match hash_of(kind) {
            Some(hash) => format!("{name}.{hash}.{kind}"),
            None => format!("{name}.{kind}"),
        };
        Self { hashed: true, js: named("js"), wasm: named("wasm"), css: named("css") }
    }

    /// The bundle's files missing from the site at `site_root`.
    pub fn missing_in(&self, site_root: &Path) -> Vec<PathBuf> {
        [&self.js, &self.wasm, &self.css]
            .into_iter()
            .map(|file| site_root.join("pkg").join(file))
            .filter(|path| !path.is_file())
            .collect()
    }
}

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

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn hash_txt_names_the_hashed_files() {
        let b = Bundle::hashed("shop", "js: abc123\nwasm: def456\ncss: 789fff\n");
        assert_eq!(
            (b.js.as_str(), b.wasm.as_str(), b.css.as_str()),
            ("shop.abc123.js", "shop.def456.wasm", "shop.789fff.css")
        );
        assert!(b.hashed);
        assert_eq!(Bundle::plain("shop").wasm, "shop.wasm");
    }
}
