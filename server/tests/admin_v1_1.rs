//! The API's v1.1 admin order actions on the real server, on SQLite and PostgreSQL: cancel a
//! pending order, refund a paid one (once), and the errors of both.
mod common;

use common::TestShop;
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const ADMIN: (&str, &str) = ("ops@shop.test", "admin-secret-1");

async fn signed_in(base: &str, email: &str, password: &str, sign_up: bool) -> Client {
    let c = Client::builder().cookie_store(true).build().unwrap();
    if sign_up {
        let r =
            c.post(format!("{base}/users")).json(&json!({"email": email, "password": password})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r =
        c.post(format!("{base}/session")).json(&json!({"email": email, "password": password})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    c
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    (r.status(), r.json().await.unwrap())
}

async fn admins_cancel_pending_orders_and_refund_paid_ones_once(backend: Backend) {
    let shop = TestShop::start(backend, false, Some(ADMIN)).await;
    let base = shop.api("");
    let admin = signed_in(&base, ADMIN.0, ADMIN.1, false).await;
    let shopper = signed_in(&base, "buyer@shop.test", "password-123", true).await;
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

on_both_databases!(admins_cancel_pending_orders_and_refund_paid_ones_once);
