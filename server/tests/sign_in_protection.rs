//! Sign-in protection on the real server: the client address is the TCP peer unless the peer is
//! a trusted proxy (a spoofed `X-Forwarded-For` changes nothing), and two server processes on
//! one database share one budget - on SQLite and on PostgreSQL.
mod common;

use common::{Options, TestShop};
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::json;

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
    a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored,
    behind_a_trusted_proxy_each_client_counts_for_itself,
    two_servers_on_one_database_share_one_budget,
);
