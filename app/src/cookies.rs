//! The shop's cookies as HTTP spells them: found in a request's `Cookie` headers, written as
//! `Set-Cookie` values with the same attributes for all of them. The pages' server functions and
//! the JSON API (in `server`) both use these; the sessions themselves live in `domain::sessions`.
use domain::accounts::SESSION_TTL_DAYS;

/// The cookie that carries the session token, for the pages and the JSON API alike.
pub const SESSION_COOKIE: &str = "shop_session";

/// The value of cookie `name` among a request's `Cookie` header values.
pub fn find_cookie<'a>(cookie_headers: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    cookie_headers
        .into_iter()
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// How the session cookie is written: always `HttpOnly; SameSite=Lax`, and `Secure` when the
/// shop is served over TLS (`COOKIE_SECURE`), so the browser never sends it over plain HTTP.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCookie {
    pub secure: bool,
}

impl SessionCookie {
    /// `Set-Cookie` value that starts a session.
    pub fn set(self, token: &str) -> String {
        self.with_attributes(token, SESSION_TTL_DAYS * 24 * 3600)
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear(self) -> String {
        self.with_attributes("", 0)
    }

    fn with_attributes(self, value: &str, max_age: i64) -> String {
        self.cookie(SESSION_COOKIE, value, max_age)
    }

    /// A `Set-Cookie` value for any of the shop's cookies (the cart's too): the same attributes
    /// as the session's, so none of them ever travels cross-site or over plain HTTP behind TLS.
    pub fn cookie(self, name: &str, value: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
    }
}

#[cfg(test)]
mod tests {
    use super::SessionCookie;

    #[test]
    fn cookies_are_found_by_name_across_headers() {
        let headers = ["a=1; shop_session=abc", "b=2"];
        assert_eq!(super::find_cookie(headers, "shop_session"), Some("abc"));
        assert_eq!(super::find_cookie(headers, "b"), Some("2"));
        assert_eq!(super::find_cookie(headers, "shop"), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_only_when_asked() {
        let plain = SessionCookie { secure: false };
        assert_eq!(plain.set("abc"), "shop_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600");
        assert_eq!(plain.clear(), "shop_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        assert!(SessionCookie { secure: true }.set("abc").ends_with("; Secure"));
        assert!(SessionCookie { secure: true }.clear().ends_with("; Secure"));
    }
}
