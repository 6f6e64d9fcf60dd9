//! A release site's static files, read once at start and answered from memory. Their names carry
//! their content's hash (or, for the favicon, change only with a release), so they never change
//! while the server runs: no file is opened per request, and each answer - headers and body, in
//! the encoding the client accepts - is written at once. (tower-http's `ServeDir`, which the
//! development build keeps so that rebuilt files are served fresh, opens and reads the file on the
//! blocking pool for every request: a quarter of `/healthz`'s rate on this machine.)
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One file: its bytes as stored, its precompressed variants, and the headers they share.
struct Asset {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    etag: HeaderValue,
    plain: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// Request path (`/pkg/shop.abc.js`, `/favicon.svg`) -> file.
pub struct Assets(HashMap<String, Asset>);

impl Assets {
    /// Reads every file of `site_root/pkg` (hashed: cached for a year, immutable) and the favicon
    /// (a day), with the `.br` and `.gz` files beside them as their variants.
    pub fn load(site_root: &Path) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(site_root.join("pkg"))? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
            if path.is_file() && !name.ends_with(".br") && !name.ends_with(".gz") {
                files.insert(format!("/pkg/{name}"), read(&path, "public, max-age=31536000, immutable")?);
            }
        }
        let favicon = site_root.join("favicon.svg");
        if favicon.is_file() {
            files.insert("/favicon.svg".to_owned(), read(&favicon, "public, max-age=86400")?);
        }
        Ok(Self(files))
    }

    pub fn routes<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        Router::new().route("/pkg/{*file}", get(serve)).route("/favicon.svg", get(serve)).with_state(Arc::new(self))
    }
}

fn read(path: &Path, cache_control: &'static str) -> std::io::Result<Asset> {
    let plain = Bytes::from(std::fs::read(path)?);
    let variant = |ext: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        std::fs::read(p).ok().map(Bytes::from)
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    plain.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    Ok(Asset {
        content_type: HeaderValue::from_static(content_type(path)),
        cache_control: HeaderValue::from_static(cache_control),
        etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\"")),
        brotli: variant(".br"),
        gzip: variant(".gz"),
        plain,
    })
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

async fn serve(State(assets): State<Arc<Assets>>, request: Request) -> Response {
    let Some(asset) = assets.0.get(request.uri().path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers = request.headers();
    let mut response = if headers.get(header::IF_NONE_MATCH).is_some_and(|tags| matches(tags, &asset.etag)) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (body, encoding) = match (accepts(headers, "br"), &asset.brotli, accepts(headers, "gzip"), &asset.gzip) {
            (true, Some(br), _, _) => (br.clone(), Some("br")),
            (_, _, true, Some(gz)) => (gz.clone(), Some("gzip")),
            _ => (asset.plain.clone(), None),
        };
        let mut r = Response::new(Body::from(body));
        r.headers_mut().insert(header::CONTENT_TYPE, asset.content_type.clone());
        if let Some(encoding) = encoding {
            r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        r
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, asset.cache_control.clone());
    h.insert(header::ETAG, asset.etag.clone());
    if asset.brotli.is_some() || asset.gzip.is_some() {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether `Accept-Encoding` names `coding` without refusing it (`;q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding))
                && !parts.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0))
        },
    )
}

/// Whether `If-None-Match` lists `etag` (or is `*`).
fn matches(tags: &HeaderValue, etag: &HeaderValue) -> bool {
    let (Ok(tags), Ok(etag)) = (tags.to_str(), etag.to_str()) else { return false };
    tags.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == "*" || t == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/shop.abc.js"), "console.log(1)").unwrap();
        std::fs::write(dir.path().join("pkg/shop.abc.js.br"), "BR").unwrap();
        std::fs::write(dir.path().join("pkg/shop.abc.js.gz"), "GZ").unwrap();
        std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
        dir
    }

    async fn get(assets: &Arc<Assets>, path: &str, headers: &[(header::HeaderName, &str)]) -> Response {
        let mut request = Request::builder().uri(path);
        for (k, v) in headers {
            request = request.header(k, *v);
        }
        serve(State(assets.clone()), request.body(Body::empty()).unwrap()).await
    }

    async fn body(r: Response) -> String {
        String::from_utf8(axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap()
    }

    #[tokio::test]
    async fn files_come_from_memory_in_the_encoding_asked_for_and_revalidate_by_etag() {
        let dir = site();
        let assets = Arc::new(Assets::load(dir.path()).unwrap());
        // The variants are not files of their own.
        assert_eq!(get(&assets, "/pkg/shop.abc.js.br", &[]).await.status(), StatusCode::NOT_FOUND);
        let br = get(&assets, "/pkg/shop.abc.js", &[(header::ACCEPT_ENCODING, "gzip, deflate, br")]).await;
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert_eq!(br.headers()[header::CONTENT_TYPE], "text/javascript");
        assert_eq!(br.headers()[header::VARY], "accept-encoding");
        let etag = br.headers()[header::ETAG].clone();
        assert_eq!(body(br).await, "BR");
        let gz = get(&assets, "/pkg/shop.abc.js", &[(header::ACCEPT_ENCODING, "br;q=0, gzip")]).await;
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(body(gz).await, "GZ");
        let plain = get(&assets, "/pkg/shop.abc.js", &[]).await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(plain).await, "console.log(1)");
        let again = get(&assets, "/pkg/shop.abc.js", &[(header::IF_NONE_MATCH, etag.to_str().unwrap())]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let icon = get(&assets, "/favicon.svg", &[]).await;
        assert_eq!(icon.headers()[header::CACHE_CONTROL], "public, max-age=86400");
        assert_eq!(icon.headers()[header::CONTENT_TYPE], "image/svg+xml");
        assert_eq!(get(&assets, "/pkg/nothing.js", &[]).await.status(), StatusCode::NOT_FOUND);
    }
}
