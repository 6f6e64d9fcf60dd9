//! What every call to the JSON API can count on: bad input gets a coded 4xx and changes nothing,
//! security headers and cross-site posts, and the OpenAPI document matching the router and the
//! contract.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::harness::{TestShop, body, expect_error};

async fn bad_input_gets_a_coded_4xx_and_changes_nothing(backend: Backend) {
    let api = TestShop::with_admin(backend).await;
    let alice = api.shopper("alice@shop.test").await;
    let url = api.api("/orders");
    let r = alice.post(&url).header("content-type", "application/json").body("{not json").send().await.unwrap();
    expect_error(r, StatusCode::BAD_REQUEST, "validation_error").await;
    let r = alice.post(&url).json(&json!({"items": [{"product_id": 1, "quantity": "two"}]})).send().await.unwrap();
    assert_eq!(
        expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"],
        "items[0].quantity"
    );
    let r = alice.post(&url).json(&json!({"items": [{"product_id": 1}]})).send().await.unwrap();
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await;
    for qty in [0, 100, -1] {
        let r = alice.post(&url).json(&json!({"items": [{"product_id": 1, "quantity": qty}]})).send().await.unwrap();
        assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "quantity");
    }
    let r = alice.post(&url).json(&json!({"items": [{"product_id": 1, "quantity": 1e30}]})).send().await.unwrap();
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await;
    let r = alice
        .post(&url)
        .header("Idempotency-Key", "x".repeat(65))
        .json(&json!({"items": [{"product_id": 1, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await;
    let huge = format!("{{\"items\": [], \"pad\": \"{}\"}}", "x".repeat(70 * 1024));
    let r = alice.post(&url).header("content-type", "application/json").body(huge).send().await.unwrap();
    expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "validation_error").await;
    let r = alice.post(&url).body("items").send().await.unwrap();
    expect_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, "validation_error").await;
    expect_error(alice.get(api.api("/no/such/path")).send().await.unwrap(), StatusCode::NOT_FOUND, "not_found").await;
    assert!(body(alice.get(&url).send().await.unwrap()).await["items"].as_array().unwrap().is_empty());

    // Found by the schemathesis run: a NUL in a name reached PostgreSQL, which answered with an
    // error (a 500). Control characters are refused at the edge on both databases.
    let admin = api.admin().await;
    let r = admin
        .post(api.api("/admin/products"))
        .json(&json!({"name": "\u{0}\u{b3}", "price": 1, "stock": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "name");
    let r = admin
        .post(api.api("/admin/products"))
        .json(&json!({"name": "Mug", "description": "a\u{0}b", "price": 1, "stock": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "description");
    let r = Client::new()
        .post(api.api("/users"))
        .json(&json!({"email": "nul@shop.test", "password": "password-123", "name": "a\u{0}"}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "name");
    let r = Client::new()
        .post(api.api("/session"))
        .json(&json!({"email": "a\u{0}@shop.test", "password": "password-123"}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let products = body(Client::new().get(api.api("/products")).send().await.unwrap()).await;
    assert_eq!(products["total"], 0, "nothing was created");
    api.db.drop_database().await;
}

async fn security_headers_cross_site_posts_and_sign_in_brute_force(backend: Backend) {
    let api = TestShop::with_admin(backend).await;
    let r = Client::new().get(api.api("/products")).send().await.unwrap();
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(r.headers().get(name).and_then(|v| v.to_str().ok()), Some(value), "{name}");
    }
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!r.headers()["x-request-id"].is_empty(), "every response names its request");
    let echoed =
        Client::new().get(api.api("/products")).header("x-request-id", "client-chosen-1").send().await.unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "client-chosen-1");

    // A state-changing request with the session cookie from another site is refused.
    let alice = api.shopper("alice@shop.test").await;
    let host = api.root.trim_start_matches("http://").to_owned();
    let evil = alice
        .post(api.api("/orders"))
        .header("Origin", "https://evil.example")
        .json(&json!({"items": [{"product_id": 1, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    expect_error(evil, StatusCode::FORBIDDEN, "forbidden").await;
    let same = alice
        .post(api.api("/orders"))
        .header("Origin", format!("http://{host}"))
        .json(&json!({"items": [{"product_id": 1, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    expect_error(same, StatusCode::UNPROCESSABLE_ENTITY, "invalid_product").await;

    // Five wrong passwords lock the email from this address, even for the right one, with rate_limited.
    let c = Client::new();
    for _ in 0..5 {
        let r = c
            .post(api.api("/session"))
            .json(&json!({"email": "alice@shop.test", "password": "wrong-password"}))
            .send()
            .await
            .unwrap();
        expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    let r = c
        .post(api.api("/session"))
        .json(&json!({"email": "alice@shop.test", "password": "password-123"}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    api.db.drop_database().await;
}

/// Every operation of the API contract (README, "JSON API v1"), as (method, path).
const CONTRACT: [(&str, &str); 28] = [
    ("POST", "/api/v1/users"),
    ("POST", "/api/v1/session"),
    ("DELETE", "/api/v1/session"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/products"),
    ("GET", "/api/v1/products/{id}"),
    ("GET", "/api/v1/categories"),
    ("GET", "/api/v1/me/coupons"),
    ("POST", "/api/v1/coupons/{coupon_id}/claim"),
    ("POST", "/api/v1/orders/quote"),
    ("POST", "/api/v1/orders"),
    ("GET", "/api/v1/orders"),
    ("GET", "/api/v1/orders/{id}"),
    ("POST", "/api/v1/orders/{id}/payment"),
    ("POST", "/api/v1/orders/{id}/cancel"),
    ("POST", "/api/v1/admin/products"),
    ("PATCH", "/api/v1/admin/products/{id}"),
    ("POST", "/api/v1/admin/products/{id}/variants"),
    ("PATCH", "/api/v1/admin/variants/{id}"),
    ("POST", "/api/v1/admin/coupons"),
    ("POST", "/api/v1/admin/coupons/{id}/issue"),
    ("GET", "/api/v1/admin/orders"),
    ("GET", "/api/v1/admin/orders/{id}"),
    ("POST", "/api/v1/admin/orders/expire-due"),
    ("POST", "/api/v1/admin/orders/{id}/cancel"),
    ("POST", "/api/v1/admin/orders/{id}/refund"),
    ("POST", "/api/v1/admin/categories"),
    ("POST", "/api/v1/admin/products/{id}/images"),
];

/// The served document lists exactly the contract's operations, each of them is routed (a request
/// never meets the "no such endpoint" fallback or a 405), and each documents its auth answers.
/// (The other way round, the router serves only what the document lists: `documented_only` in
/// `server/src/api/mod.rs`, with its unit test.)
async fn the_openapi_document_matches_the_router_and_the_contract(backend: Backend) {
    let api = TestShop::with_admin(backend).await;
    let r = Client::new().get(api.api("/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc = body(r).await;
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "Shop API");

    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().unwrap() {
            documented.insert((method.to_uppercase(), path.clone()));
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path} documents no success");
            let protected = path != "/api/v1/users"
                && path != "/api/v1/session"
                && !path.starts_with("/api/v1/products")
                && path != "/api/v1/categories";
            if protected {
                assert!(op["security"].is_array(), "{method} {path} does not say it needs the session");
                assert!(responses.contains_key("401"), "{method} {path} does not document 401");
            }
            if path.starts_with("/api/v1/admin/") {
                assert!(responses.contains_key("403"), "{method} {path} does not document 403");
            }
        }
    }
    let contract: std::collections::BTreeSet<_> =
        CONTRACT.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(documented, contract, "the document and the contract list different operations");

    let c = Client::new();
    for (method, path) in CONTRACT {
        let url = format!("http://{}{}", api.root.trim_start_matches("http://"), path)
            .replace("{id}", "1")
            .replace("{coupon_id}", "1");
        let r = c.request(method.parse().unwrap(), &url).json(&json!({})).send().await.unwrap();
        let status = r.status();
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path} is not routed");
        let text = r.text().await.unwrap();
        assert!(!text.contains(server::api::error::NO_ROUTE), "{method} {path} is not routed: {status} {text}");
    }
    // An unknown path under the prefix is the JSON fallback, not the pages' HTML.
    let r = c.get(api.api("/nothing-here")).send().await.unwrap();
    let b = expect_error(r, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(b["message"], server::api::error::NO_ROUTE);
    api.db.drop_database().await;
}

on_both_databases!(
    bad_input_gets_a_coded_4xx_and_changes_nothing,
    security_headers_cross_site_posts_and_sign_in_brute_force,
    the_openapi_document_matches_the_router_and_the_contract,
);
