//! The pages' Content-Security-Policy. Scripts run only from our own origin or, inline, when they
//! carry this response's nonce: leptos_axum mints one per render, and it goes on the hydration
//! script (`bundle.rs`, which imports the bundle from our origin) and on every inline resource
//! script leptos streams. An injected `<script>` has no nonce.

/// The policy for a page rendered with `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// During server rendering: sends [`page_policy`] with the nonce of this response. The server's
/// security middleware keeps it and gives non-page responses its stricter default.
#[cfg(feature = "ssr")]
pub fn send_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_need_our_origin_or_the_nonce() {
        let p = super::page_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{p}");
        assert!(!p.contains("unsafe-inline"), "{p}");
        assert!(p.contains("frame-ancestors 'none'"), "{p}");
    }
}
