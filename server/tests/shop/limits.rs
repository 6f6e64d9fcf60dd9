//! Rate limits on the real server: sign-ups from one address and orders from one account (or
//! one address) past their quota are refused `429 rate_limited` with `Retry-After`, while other
//! accounts go on; on both databases.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::harness::{ADMIN, Options, TestShop, body, expect_error};

async fn sign_ups_and_orders_past_their_limits_are_refused_with_retry_after(backend: Backend) {
    // 3 sign-ups per address, 100 orders per address, 2 orders per account, a minute.
    let shop = TestShop::with_options(backend, Options::default().admin(ADMIN).limits(3, 100, 2)).await;
    let sign_up = |n: usize| {
        Client::new()
            .post(shop.api("/users"))
            .json(&json!({"email": format!("rl{n}@shop.test"), "password": "password-123"}))
            .send()
    };
    for n in 0..3 {
        assert_eq!(sign_up(n).await.unwrap().status(), StatusCode::CREATED, "sign-up {n}");
    }
    let refused = sign_up(3).await.unwrap();
    let retry: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    let b = expect_error(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(b["message"].as_str().unwrap().contains("sign-ups"), "{b}");

    let admin = shop.admin().await;
    let product = body(
        admin
            .post(shop.api("/admin/products"))
            .json(&json!({"name": "Limited", "price": 1_000, "stock": 100}))
            .send()
            .await
            .unwrap(),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let order = json!({"items": [{"product_id": product, "quantity": 1}]});
    let first = shop.signed_in("rl0@shop.test", "password-123").await;
    for n in 0..2 {
        assert_eq!(
            first.post(shop.api("/orders")).json(&order).send().await.unwrap().status(),
            StatusCode::CREATED,
            "order {n}"
        );
    }
    let refused = first.post(shop.api("/orders")).json(&order).send().await.unwrap();
    assert!(refused.headers().contains_key("retry-after"));
    let b = expect_error(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(b["message"].as_str().unwrap().contains("orders"), "{b}");
    // Another account from the same address goes on.
    let second = shop.signed_in("rl1@shop.test", "password-123").await;
    assert_eq!(second.post(shop.api("/orders")).json(&order).send().await.unwrap().status(), StatusCode::CREATED);
    // The refused order took no stock: 3 placed of 100.
    assert_eq!(body(reqwest::get(shop.api(&format!("/products/{product}"))).await.unwrap()).await["stock"], 97);
    shop.db.drop_database().await;
}

/// Orders from one address: past the address's quota every account there is refused.
async fn orders_from_one_address_past_its_limit_are_refused(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().admin(ADMIN).limits(0, 3, 0)).await;
    let admin = shop.admin().await;
    let product = body(
        admin
            .post(shop.api("/admin/products"))
            .json(&json!({"name": "Busy", "price": 1_000, "stock": 100}))
            .send()
            .await
            .unwrap(),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let order = json!({"items": [{"product_id": product, "quantity": 1}]});
    let mut statuses = Vec::new();
    for n in 0..5 {
        let c = shop.shopper(&format!("addr{n}@shop.test")).await;
        statuses.push(c.post(shop.api("/orders")).json(&order).send().await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429]);
    shop.db.drop_database().await;
}

on_both_databases!(
    sign_ups_and_orders_past_their_limits_are_refused_with_retry_after,
    orders_from_one_address_past_its_limit_are_refused,
);
