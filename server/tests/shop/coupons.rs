//! Coupons over the JSON API: a campaign's coupons issued once, claimed once (never more than
//! its quantity), and seen by their owner only.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::StatusCode;
use serde_json::json;

use crate::harness::{body, expect_error};
use crate::scene::Scene;

async fn coupons_are_issued_once_claimed_once_and_only_the_owner_sees_them(backend: Backend) {
    let s = Scene::new(backend).await;
    let (api, admin, campaign) = (&s.api, &s.admin, s.campaign);
    let r = admin
        .post(api.api("/admin/coupons"))
        .json(&json!({"name": "x", "kind": "bogus", "value": 10}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "kind");
    let alice_id = body(s.alice.get(api.api("/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    let r = admin
        .post(api.api(&format!("/admin/coupons/{campaign}/issue")))
        .json(&json!({"user_id": alice_id}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::CONFLICT, "conflict").await;
    let mine = body(s.alice.get(api.api("/me/coupons")).send().await.unwrap()).await;
    let coupon = &mine["items"][0];
    assert_eq!((coupon["coupon_id"].as_i64(), coupon["status"].as_str()), (Some(campaign), Some("available")));
    assert_eq!(coupon["id"].as_i64(), Some(s.coupon_id));
    let r = s.bob.post(api.api(&format!("/coupons/{campaign}/claim"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    expect_error(
        s.bob.post(api.api(&format!("/coupons/{campaign}/claim"))).send().await.unwrap(),
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    s.done().await;
}

on_both_databases!(coupons_are_issued_once_claimed_once_and_only_the_owner_sees_them,);
