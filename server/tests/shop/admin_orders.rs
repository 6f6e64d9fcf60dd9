//! Staff and orders over the JSON API: the list by state and the timeline, cancelling a pending
//! order and refunding a paid one once, and every admin path refusing shoppers and strangers.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::harness::{ADMIN, TestShop, body, expect_error, json_of};
use crate::scene::Scene;

async fn admins_list_orders_by_status_and_read_their_timeline(backend: Backend) {
    let s = Scene::new(backend).await;
    let (api, admin) = (&s.api, &s.admin);
    let order_id = s.alice_orders().await;
    let r = s.alice.post(api.api(&format!("/orders/{order_id}/payment"))).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let paid_list = body(admin.get(api.api("/admin/orders?status=paid")).send().await.unwrap()).await;
    assert_eq!(paid_list["total"], 1);
    assert_eq!(paid_list["items"][0]["user_email"], "alice@shop.test");
    expect_error(
        admin.get(api.api("/admin/orders?status=lost")).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_error",
    )
    .await;
    let detail = body(admin.get(api.api(&format!("/admin/orders/{order_id}"))).send().await.unwrap()).await;
    let kinds: Vec<&str> = detail["events"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    for kind in ["placed", "coupon_reserved", "expiry_scheduled", "paid", "coupon_used"] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert_eq!(
        body(admin.post(api.api("/admin/orders/expire-due")).send().await.unwrap()).await,
        json!({"expired": 0})
    );
    expect_error(admin.get(api.api("/admin/orders/999999")).send().await.unwrap(), StatusCode::NOT_FOUND, "not_found")
        .await;
    s.done().await;
}

async fn admins_cancel_pending_orders_and_refund_paid_ones_once(backend: Backend) {
    let shop = TestShop::start(backend, false, Some(ADMIN)).await;
    let base = shop.api("");
    let admin = shop.admin().await;
    let shopper = shop.shopper("buyer@shop.test").await;
    let (status, product) = json_of(
        admin
            .post(format!("{base}/admin/products"))
            .json(&json!({"name": "Tray", "price": 9_000, "stock": 5}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let place = || {
        shopper
            .post(format!("{base}/orders"))
            .json(&json!({"items": [{"product_id": product["id"], "quantity": 2}]}))
            .send()
    };

    let (_, pending) = json_of(place().await.unwrap()).await;
    let cancel = |id: &Value| admin.post(format!("{base}/admin/orders/{id}/cancel")).send();
    let (status, cancelled) = json_of(cancel(&pending["id"]).await.unwrap()).await;
    assert_eq!(
        (status, cancelled["status"].as_str(), cancelled["cancel_reason"].as_str()),
        (StatusCode::OK, Some("cancelled"), Some("by_admin"))
    );
    let (status, again) = json_of(cancel(&pending["id"]).await.unwrap()).await;
    assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("order_not_cancellable")));

    let (_, paid) = json_of(place().await.unwrap()).await;
    let (status, _) =
        json_of(shopper.post(format!("{base}/orders/{}/payment", paid["id"])).json(&json!({})).send().await.unwrap())
            .await;
    assert_eq!(status, StatusCode::OK);
    let refund = |id: &Value| admin.post(format!("{base}/admin/orders/{id}/refund")).send();
    let (status, refunded) = json_of(refund(&paid["id"]).await.unwrap()).await;
    assert_eq!((status, refunded["status"].as_str()), (StatusCode::OK, Some("refunded")));
    let (status, again) = json_of(refund(&paid["id"]).await.unwrap()).await;
    assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("order_not_refundable")));
    let (_, now) = json_of(reqwest::get(format!("{base}/products/{}", product["id"])).await.unwrap()).await;
    assert_eq!(now["stock"], 5, "both orders gave their stock back");

    // A charge the gateway will not give back: 402, the order stays paid.
    let (_, stuck) = json_of(place().await.unwrap()).await;
    let r = shopper
        .post(format!("{base}/orders/{}/payment", stuck["id"]))
        .json(&json!({"card_number": domain::payment::REFUND_DECLINED_TEST_CARD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (status, refused) = json_of(refund(&stuck["id"]).await.unwrap()).await;
    assert_eq!((status, refused["code"].as_str()), (StatusCode::PAYMENT_REQUIRED, Some("refund_declined")));
    let (_, order) = json_of(shopper.get(format!("{base}/orders/{}", stuck["id"])).send().await.unwrap()).await;
    assert_eq!(order["status"], "paid");

    // Shoppers may do neither.
    let r = shopper.post(format!("{base}/admin/orders/{}/refund", stuck["id"])).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    shop.db.drop_database().await;
}

async fn every_admin_path_refuses_shoppers_and_anonymous_callers(backend: Backend) {
    let api = TestShop::with_admin(backend).await;
    let alice = api.shopper("alice@shop.test").await;
    let anon = Client::new();
    let paths: [(reqwest::Method, &str, Value); 7] = [
        (reqwest::Method::POST, "/admin/products", json!({"name": "X", "price": 1, "stock": 1})),
        (reqwest::Method::PATCH, "/admin/products/1", json!({"price": 2})),
        (reqwest::Method::POST, "/admin/coupons", json!({"name": "X", "kind": "fixed", "value": 1})),
        (reqwest::Method::POST, "/admin/coupons/1/issue", json!({"user_id": 1})),
        (reqwest::Method::GET, "/admin/orders", json!(null)),
        (reqwest::Method::GET, "/admin/orders/1", json!(null)),
        (reqwest::Method::POST, "/admin/orders/expire-due", json!(null)),
    ];
    for (method, path, payload) in paths {
        let send = |c: &Client| {
            let req = c.request(method.clone(), api.api(path));
            if payload.is_null() { req } else { req.json(&payload) }
        };
        expect_error(send(&alice).send().await.unwrap(), StatusCode::FORBIDDEN, "forbidden").await;
        expect_error(send(&anon).send().await.unwrap(), StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    // Nothing was created by the refused requests.
    let products = body(anon.get(api.api("/products")).send().await.unwrap()).await;
    assert_eq!(products["total"], 0);
    api.db.drop_database().await;
}

on_both_databases!(
    admins_list_orders_by_status_and_read_their_timeline,
    admins_cancel_pending_orders_and_refund_paid_ones_once,
    every_admin_path_refuses_shoppers_and_anonymous_callers,
);
