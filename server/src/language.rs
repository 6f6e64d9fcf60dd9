//! Which language a page speaks, decided once per request before anything renders: the `lang`
//! cookie (the shopper's choice), else the browser's `Accept-Language`, else Korean. The choice is
//! written into the request's cookies, so the server render, the server functions and the
//! hydrated page (which reads `document.cookie`) all see the same one; when the browser did not
//! send it yet, the response sets it too.
use app::i18n::{LANG_COOKIE, Lang};
use axum::extract::{Path, Query, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// A year: the choice outlives sessions.
const MAX_AGE_SECS: u32 = 365 * 24 * 3600;

fn cookie(lang: Lang) -> HeaderValue {
    // Not HttpOnly: the hydrated page reads it. SameSite=Lax like the session cookie.
    HeaderValue::from_str(&format!("{LANG_COOKIE}={}; Path=/; Max-Age={MAX_AGE_SECS}; SameSite=Lax", lang.code()))
        .expect("a cookie of ASCII letters is a valid header")
}

fn cookie_lang(request: &Request) -> Option<Lang> {
    let values = request.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    app::cookies::find_cookie(values, LANG_COOKIE).and_then(Lang::parse)
}

/// Pages and their server functions speak; the JSON API (English, its `code` is the contract),
/// health checks and files (`/pkg/...`, `/favicon.svg`) do not.
fn speaks(path: &str) -> bool {
    let file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    !(file
        || path.starts_with(crate::api::PREFIX)
        || path.starts_with("/pkg/")
        || path.starts_with("/media/")
        || matches!(path, "/healthz" | "/readyz"))
}

pub async fn middleware(mut request: Request, next: Next) -> Response {
    if !speaks(request.uri().path()) || cookie_lang(&request).is_some() {
        return next.run(request).await;
    }
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or_else(Lang::default, Lang::from_accept_language);
    // One `Cookie` header with every cookie: readers that look at the first header only (the
    // i18n crate's) must see the choice too.
    let mut cookies: Vec<String> =
        request.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok().map(str::to_owned)).collect();
    cookies.push(format!("{LANG_COOKIE}={}", lang.code()));
    if let Ok(merged) = HeaderValue::from_str(&cookies.join("; ")) {
        request.headers_mut().insert(header::COOKIE, merged);
    }
    let mut response = next.run(request).await;
    response.headers_mut().append(header::SET_COOKIE, cookie(lang));
    response
}

#[derive(Deserialize)]
pub struct Back {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: the switcher. Remembers the language and goes back to the
/// page (only a path on this site; anything else goes to the catalog).
pub async fn switch(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(lang) = Lang::parse(&code).filter(|l| l.code() == code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = app::format::safe_next(back.next.as_deref().unwrap_or("/"));
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(lang));
    response
}
