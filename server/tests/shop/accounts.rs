//! Accounts over the JSON API and the real server: signing up and in, sessions and their cookie,
//! and the sign-in protection (the client's address, trusted proxies, one budget across servers).
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::harness::{ADMIN, Options, TestShop, body, expect_error};

async fn accounts_and_sessions(backend: Backend) {
    let api = TestShop::with_admin(backend).await;
    let anon = Client::builder().cookie_store(true).build().unwrap();
    let r = anon
        .post(api.api("/users"))
        .json(&json!({"email": "a@shop.test", "password": "password-123", "name": "A"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let created = body(r).await;
    assert_eq!(created["email"], "a@shop.test");
    let r = anon
        .post(api.api("/users"))
        .json(&json!({"email": "A@shop.test", "password": "password-123"}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::CONFLICT, "conflict").await;
    let r =
        anon.post(api.api("/users")).json(&json!({"email": "nope", "password": "password-123"})).send().await.unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "email");
    let r =
        anon.post(api.api("/users")).json(&json!({"email": "b@shop.test", "password": "short"})).send().await.unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "password");

    // Unknown email and wrong password answer alike.
    let wrong = anon
        .post(api.api("/session"))
        .json(&json!({"email": "a@shop.test", "password": "wrong-password"}))
        .send()
        .await
        .unwrap();
    let unknown = anon
        .post(api.api("/session"))
        .json(&json!({"email": "x@shop.test", "password": "wrong-password"}))
        .send()
        .await
        .unwrap();
    let (w, u) = (
        expect_error(wrong, StatusCode::UNAUTHORIZED, "unauthorized").await,
        expect_error(unknown, StatusCode::UNAUTHORIZED, "unauthorized").await,
    );
    assert_eq!(w, u);
    expect_error(anon.get(api.api("/me")).send().await.unwrap(), StatusCode::UNAUTHORIZED, "unauthorized").await;

    let r = anon
        .post(api.api("/session"))
        .json(&json!({"email": "a@shop.test", "password": "password-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(body(r).await["role"], "shopper");
    let me = body(anon.get(api.api("/me")).send().await.unwrap()).await;
    assert_eq!((me["id"].clone(), me["email"].clone()), (created["id"].clone(), json!("a@shop.test")));
    assert_eq!(anon.delete(api.api("/session")).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    expect_error(anon.get(api.api("/me")).send().await.unwrap(), StatusCode::UNAUTHORIZED, "unauthorized").await;
    api.db.drop_database().await;
}

async fn guesses_at_other_emails_do_not_lock_out_a_shopper_at_the_same_address(backend: Backend) {
    // One office behind one address: a colleague's (or an attacker's) five failed sign-ins for
    // other emails leave this shopper's sign-in alone (the address's own ceiling is 100 failures).
    let api = TestShop::with_admin(backend).await;
    api.shopper("carol@shop.test").await;
    let c = Client::new();
    for i in 0..5 {
        let wrong = json!({"email": format!("guess{i}@shop.test"), "password": "wrong-password"});
        let r = c.post(api.api("/session")).json(&wrong).send().await.unwrap();
        expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    let right = json!({"email": "carol@shop.test", "password": "password-123"});
    let r = c.post(api.api("/session")).json(&right).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    api.db.drop_database().await;
}

/// `HttpOnly; SameSite=Lax` always; `Secure` only when `COOKIE_SECURE` says clients use HTTPS.
async fn the_session_cookie_is_http_only_lax_and_secure_behind_tls(backend: Backend) {
    for secure in [false, true] {
        let api = TestShop::with_options(backend, Options::default().admin(ADMIN).secure_cookies(secure)).await;
        api.shopper("cookie@shop.test").await;
        let c = Client::new();
        let r = c
            .post(api.api("/session"))
            .json(&json!({"email": "cookie@shop.test", "password": "password-123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(set.starts_with("shop_session=") && set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
        assert_eq!(set.contains("Secure"), secure, "{set}");

        // Signing in again rotates the session id: the old one stops working.
        let first = set.split(';').next().unwrap().to_owned();
        let again = c
            .post(api.api("/session"))
            .header("cookie", &first)
            .json(&json!({"email": "cookie@shop.test", "password": "password-123"}))
            .send()
            .await
            .unwrap();
        let second = again.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        assert_ne!(first, second);
        let old = c.get(api.api("/me")).header("cookie", &first).send().await.unwrap();
        expect_error(old, StatusCode::UNAUTHORIZED, "unauthorized").await;
        let new = c.get(api.api("/me")).header("cookie", &second).send().await.unwrap();
        assert_eq!(new.status(), StatusCode::OK);

        let out = c.delete(api.api("/session")).send().await.unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        let cleared = out.headers()["set-cookie"].to_str().unwrap();
        assert!(cleared.contains("Max-Age=0") && cleared.contains("HttpOnly"), "{cleared}");
        assert_eq!(cleared.contains("Secure"), secure, "{cleared}");
        api.db.drop_database().await;
    }
}

const EMAIL: &str = "guarded@shop.test";

const PASSWORD: &str = "right-password-1";

async fn sign_in(root: &str, password: &str, forwarded_for: &str) -> StatusCode {
    Client::new()
        .post(format!("{root}/api/v1/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": EMAIL, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn sign_up(shop: &TestShop) {
    let r = Client::new()
        .post(shop.api("/users"))
        .json(&json!({"email": EMAIL, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

async fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(backend: Backend) {
    let shop = TestShop::start(backend, false, None).await;
    sign_up(&shop).await;
    for i in 0..5 {
        assert_eq!(sign_in(&shop.root, "wrong-password", &format!("198.51.100.{i}")).await, StatusCode::UNAUTHORIZED);
    }
    // A new made-up address does not make a new client: the peer's pair is locked.
    assert_eq!(sign_in(&shop.root, PASSWORD, "198.51.100.99").await, StatusCode::TOO_MANY_REQUESTS);
    shop.db.drop_database().await;
}

async fn behind_a_trusted_proxy_each_client_counts_for_itself(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().trusted_proxies("127.0.0.1")).await;
    sign_up(&shop).await;
    for _ in 0..5 {
        assert_eq!(sign_in(&shop.root, "wrong-password", "198.51.100.1").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&shop.root, PASSWORD, "198.51.100.1").await, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy (a client-sent prefix is not believed either).
    assert_eq!(sign_in(&shop.root, PASSWORD, "198.51.100.1, 198.51.100.2").await, StatusCode::OK);
    shop.db.drop_database().await;
}

async fn two_servers_on_one_database_share_one_budget(backend: Backend) {
    let shop = TestShop::start(backend, false, None).await;
    let second = shop.another_server().await;
    sign_up(&shop).await;
    for i in 0..5 {
        let root = if i % 2 == 0 { &shop.root } else { &second };
        assert_eq!(sign_in(root, "wrong-password", "").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&shop.root, PASSWORD, "").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in(&second, PASSWORD, "").await, StatusCode::TOO_MANY_REQUESTS);
    shop.db.drop_database().await;
}

on_both_databases!(
    accounts_and_sessions,
    guesses_at_other_emails_do_not_lock_out_a_shopper_at_the_same_address,
    the_session_cookie_is_http_only_lax_and_secure_behind_tls,
    a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored,
    behind_a_trusted_proxy_each_client_counts_for_itself,
    two_servers_on_one_database_share_one_budget,
);
