//! What the request a page or server function is handling carries, and what its answer sets: its
//! cookies, the client's address, and `Set-Cookie` headers written as this server writes cookies.
//! Only the server build has a request.
use leptos::prelude::*;

use crate::cookies::SessionCookie;

/// A cookie of the request being handled.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let values = parts.headers.get_all(http::header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    crate::cookies::find_cookie(values, name).map(str::to_owned)
}

/// The client's address (the server works it out, trusting only its configured proxies), for
/// the sign-in protection.
pub fn peer_address() -> Option<std::net::IpAddr> {
    let parts = use_context::<http::request::Parts>()?;
    parts.extensions.get::<domain::accounts::ClientIp>().map(|c| c.0)
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// How this server writes cookies (`Secure` behind TLS), from the server's context.
pub fn cookie_policy() -> SessionCookie {
    use_context::<SessionCookie>().unwrap_or_default()
}
