//! The shop most JSON API scenarios start from.
use domain::testing::Backend;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestShop, body};

/// The shop most API scenarios start from: an admin, two shoppers, a mug (3 in stock) and a pan
/// (10, repriced to 30,000), and a 10 % campaign (cap 5,000) issued to alice.
pub struct Scene {
    pub api: TestShop,
    pub admin: Client,
    pub alice: Client,
    pub bob: Client,
    pub mug_id: i64,
    pub pan_id: i64,
    pub campaign: i64,
    /// alice's issued coupon.
    pub coupon_id: i64,
}

impl Scene {
    pub async fn new(backend: Backend) -> Self {
        let api = TestShop::with_admin(backend).await;
        let admin = api.admin().await;
        let alice = api.shopper("alice@shop.test").await;
        let bob = api.shopper("bob@shop.test").await;
        let created = |r: Response| async move {
            assert_eq!(r.status(), StatusCode::CREATED);
            body(r).await["id"].as_i64().unwrap()
        };
        let mug = json!({"name": "Mug", "price": 12_000, "stock": 3});
        let mug_id = created(admin.post(api.api("/admin/products")).json(&mug).send().await.unwrap()).await;
        let pan = json!({"name": "Pan", "price": 40_000, "stock": 10, "description": "Iron"});
        let pan_id = created(admin.post(api.api("/admin/products")).json(&pan).send().await.unwrap()).await;
        let r = admin.patch(api.api(&format!("/admin/products/{pan_id}"))).json(&json!({"price": 30_000})).send();
        assert_eq!(body(r.await.unwrap()).await["price"], 30_000);
        let campaign = json!({"name": "10%", "kind": "percent", "value": 10, "max_discount": 5_000});
        let campaign = created(admin.post(api.api("/admin/coupons")).json(&campaign).send().await.unwrap()).await;
        let alice_id = body(alice.get(api.api("/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
        let issue =
            admin.post(api.api(&format!("/admin/coupons/{campaign}/issue"))).json(&json!({"user_id": alice_id}));
        let coupon_id = created(issue.send().await.unwrap()).await;
        Self { api, admin, alice, bob, mug_id, pan_id, campaign, coupon_id }
    }

    /// alice's order of two pans and a mug with her coupon: 72,000 - 5,000.
    pub fn order_body(&self) -> Value {
        json!({"items": [{"product_id": self.pan_id, "quantity": 2}, {"product_id": self.mug_id, "quantity": 1}],
               "coupon_id": self.coupon_id})
    }

    /// alice places `order_body`; the order's id.
    pub async fn alice_orders(&self) -> i64 {
        let r = self.alice.post(self.api.api("/orders")).json(&self.order_body()).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        body(r).await["id"].as_i64().unwrap()
    }

    pub async fn done(self) {
        self.api.db.drop_database().await;
    }
}
