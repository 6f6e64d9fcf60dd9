//! Orders over the JSON API: quoting and placing (checked, replayed by the idempotency key),
//! paying and cancelling one's own order, and the shipping address an order keeps.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestShop, body, expect_error};
use crate::scene::Scene;

async fn placing_is_quoted_checked_and_replayed_by_its_idempotency_key(backend: Backend) {
    let s = Scene::new(backend).await;
    let (api, alice, order_body) = (&s.api, &s.alice, s.order_body());
    let q = body(alice.post(api.api("/orders/quote")).json(&order_body).send().await.unwrap()).await;
    assert_eq!(
        (q["subtotal"].as_i64(), q["discount"].as_i64(), q["total"].as_i64()),
        (Some(72_000), Some(5_000), Some(67_000))
    );
    expect_error(
        Client::new().post(api.api("/orders")).json(&order_body).send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let r = s.bob.post(api.api("/orders")).json(&order_body).send().await.unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid_coupon").await["reason"], "not_owner");
    let r = alice.post(api.api("/orders")).header("Idempotency-Key", "k-1").json(&order_body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let placed = body(r).await;
    assert_eq!(placed["status"], "pending_payment");
    assert_eq!((placed["total"].as_i64(), placed["coupon_id"].as_i64()), (Some(67_000), Some(s.coupon_id)));
    assert!(placed["expires_at"].as_str().unwrap().ends_with('Z'));
    let again = alice.post(api.api("/orders")).header("Idempotency-Key", "k-1").json(&order_body).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(body(again).await["id"], placed["id"]);
    let other = json!({"items": [{"product_id": s.pan_id, "quantity": 1}]});
    let r = alice.post(api.api("/orders")).header("Idempotency-Key", "k-1").json(&other).send().await.unwrap();
    expect_error(r, StatusCode::CONFLICT, "idempotency_conflict").await;
    let r = alice
        .post(api.api("/orders"))
        .json(&json!({"items": [{"product_id": s.mug_id, "quantity": 3}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::CONFLICT, "out_of_stock").await["product_id"].as_i64(), Some(s.mug_id));
    let r = alice
        .post(api.api("/orders"))
        .json(&json!({"items": [{"product_id": 424242, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid_product").await["product_id"], 424242);
    s.done().await;
}

async fn only_the_owner_reads_pays_and_cancels_an_order(backend: Backend) {
    let s = Scene::new(backend).await;
    let (api, alice, bob) = (&s.api, &s.alice, &s.bob);
    let order_id = s.alice_orders().await;
    assert_eq!(
        body(alice.get(api.api("/orders")).send().await.unwrap()).await["items"].as_array().map(Vec::len),
        Some(1)
    );
    for (method, path) in [
        ("GET", format!("/orders/{order_id}")),
        ("POST", format!("/orders/{order_id}/payment")),
        ("POST", format!("/orders/{order_id}/cancel")),
    ] {
        let r = bob.request(method.parse().unwrap(), api.api(&path)).send().await.unwrap();
        expect_error(r, StatusCode::NOT_FOUND, "not_found").await;
    }
    let r = alice
        .post(api.api(&format!("/orders/{order_id}/payment")))
        .json(&json!({"card_number": "4000000000000002"}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::PAYMENT_REQUIRED, "payment_declined").await;
    let r = alice.post(api.api(&format!("/orders/{order_id}/payment"))).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let paid = body(r).await;
    assert_eq!(paid["status"], "paid");
    assert!(paid["paid_at"].is_string());
    expect_error(
        alice.post(api.api(&format!("/orders/{order_id}/payment"))).send().await.unwrap(),
        StatusCode::CONFLICT,
        "order_not_payable",
    )
    .await;
    expect_error(
        alice.post(api.api(&format!("/orders/{order_id}/cancel"))).send().await.unwrap(),
        StatusCode::CONFLICT,
        "order_not_cancellable",
    )
    .await;
    let r = alice
        .post(api.api("/orders"))
        .json(&json!({"items": [{"product_id": s.pan_id, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    let second = body(r).await["id"].as_i64().unwrap();
    let cancelled = body(alice.post(api.api(&format!("/orders/{second}/cancel"))).send().await.unwrap()).await;
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["cancel_reason"].as_str()),
        (Some("cancelled"), Some("by_customer"))
    );
    s.done().await;
}

async fn orders_keep_the_shipping_address_they_were_placed_with(backend: Backend) {
    let shop = TestShop::start(backend, true, None).await;
    let c = Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(shop.api("/session"))
        .json(&json!({"email": domain::operations::seed::DEMO_SHOPPER_EMAIL, "password": domain::operations::seed::DEMO_SHOPPER_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // 옹기: a demo product without options.
    let (_, body) = shop.get_json("/products?q=%EC%98%B9%EA%B8%B0").await;
    let mug = body["items"][0]["id"].as_i64().unwrap();
    let shipping = json!({"recipient": "김하나", "phone": "010-1234-5678", "postal_code": "06236", "address1": "서울특별시 강남구 테헤란로 123"});

    let bad = json!({"items": [{"product_id": mug, "quantity": 1}], "shipping": {"recipient": "김하나", "phone": "010", "postal_code": "6236", "address1": "서울"}});
    let r = c.post(shop.api("/orders")).json(&bad).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["field"], "shipping.postal_code");

    let r = c
        .post(shop.api("/orders"))
        .json(&json!({"items": [{"product_id": mug, "quantity": 1}], "shipping": shipping}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let placed: Value = r.json().await.unwrap();
    assert_eq!(placed["shipping"], shipping);
    let read: Value = c.get(shop.api(&format!("/orders/{}", placed["id"]))).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["shipping"], shipping);

    // Older clients send no address; their orders have none.
    let r =
        c.post(shop.api("/orders")).json(&json!({"items": [{"product_id": mug, "quantity": 1}]})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.json::<Value>().await.unwrap()["shipping"], Value::Null);
    shop.db.drop_database().await;
}

on_both_databases!(
    placing_is_quoted_checked_and_replayed_by_its_idempotency_key,
    only_the_owner_reads_pays_and_cancels_an_order,
    orders_keep_the_shipping_address_they_were_placed_with,
);
