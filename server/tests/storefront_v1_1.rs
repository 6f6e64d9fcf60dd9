//! The API's v1.1 additions for the storefront, on the real server with the demo catalog, on
//! SQLite and PostgreSQL: search, sort, categories, images (served for a year), shipping
//! addresses on orders, and the pages' language and 404s.
mod common;

use common::TestShop;
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// The shop with the demo catalog (categories, pictures, the demo shopper).
struct Shop(TestShop);

impl std::ops::Deref for Shop {
    type Target = TestShop;
    fn deref(&self) -> &TestShop {
        &self.0
    }
}

impl Shop {
    async fn start(backend: Backend) -> Self {
        Self(TestShop::start(backend, true, None).await)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = reqwest::get(self.api(path)).await.unwrap();
        (r.status(), r.json().await.unwrap())
    }

    async fn names(&self, path: &str) -> Vec<String> {
        let (status, body) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
    }
}

async fn search_sort_and_categories(backend: Backend) {
    let shop = Shop::start(backend).await;
    // Korean and English, case-insensitive, name or description.
    assert_eq!(shop.names("/products?q=%EB%8F%84%EB%A7%88").await, ["편백나무 도마"]);
    assert_eq!(shop.names("/products?q=KETTLE").await, ["Stainless Kettle 1.2 L"]);
    assert_eq!(shop.names("/products?q=gooseneck").await, ["Stainless Kettle 1.2 L"]);
    // `%` and `_` are letters, not wildcards.
    assert!(shop.names("/products?q=%25").await.is_empty());
    let (status, body) = shop.get("/products?q=Mug&per_page=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 1, "total counts the matches: {body}");

    let kitchen = shop.names("/products?category=kitchen&sort=name&per_page=100").await;
    assert_eq!(kitchen.len(), 7);
    let mut sorted = kitchen.clone();
    sorted.sort();
    assert_eq!(kitchen, sorted);
    assert!(shop.names("/products?category=no-such-shelf").await.is_empty());

    let prices = |body: &Value| {
        body["items"].as_array().unwrap().iter().map(|p| p["price"].as_i64().unwrap()).collect::<Vec<_>>()
    };
    let (_, up) = shop.get("/products?sort=price_asc&per_page=100").await;
    let (_, down) = shop.get("/products?sort=price_desc&per_page=100").await;
    assert!(prices(&up).is_sorted());
    assert!(prices(&down).iter().rev().is_sorted());
    // Newest first by default: the last demo product created comes first.
    assert_eq!(shop.names("/products?per_page=1").await, ["옹기 찻잔 2개"]);

    let (status, body) = shop.get("/products?sort=").await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sort")));
    let (status, body) = shop.get("/products?sort=cheapest").await;
    assert_eq!(
        (status, body["code"].as_str(), body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_error"), Some("sort"))
    );
    let (status, body) = shop.get(&format!("/products?q={}", "a".repeat(101))).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("q")));

    let (status, body) = shop.get("/categories").await;
    assert_eq!(status, StatusCode::OK);
    let counts: Vec<(String, i64)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["slug"].as_str().unwrap().to_owned(), c["product_count"].as_i64().unwrap()))
        .collect();
    for expected in [("kitchen", 7), ("tableware", 3), ("coffee-tea", 3), ("linen", 2)] {
        assert!(counts.contains(&(expected.0.to_owned(), expected.1)), "{counts:?}");
    }
    shop.db.drop_database().await;
}

async fn products_carry_their_category_and_pictures(backend: Backend) {
    let shop = Shop::start(backend).await;
    let (_, body) = shop.get("/products?q=Hinoki").await;
    let board = &body["items"][0];
    assert_eq!(board["category"], json!({"slug": "kitchen", "name": "주방도구"}));
    let image = &board["images"][0];
    assert_eq!(image["alt"], "Hinoki Cutting Board");
    let url = image["url"].as_str().unwrap();
    assert!(url.starts_with("/media/") && url.len() == "/media/".len() + 64, "{url}");
    assert!(image["width"].as_i64().unwrap() <= 1200 && image["thumbnail_width"].as_i64().unwrap() <= 480);

    let r = reqwest::get(format!("{}{url}", shop.root)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    let again = Client::new().get(format!("{}{url}", shop.root)).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let missing = reqwest::get(format!("{}/media/{}", shop.root, "0".repeat(64))).await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    shop.db.drop_database().await;
}

async fn orders_keep_the_shipping_address_they_were_placed_with(backend: Backend) {
    let shop = Shop::start(backend).await;
    let c = Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(shop.api("/session"))
        .json(&json!({"email": domain::operations::seed::DEMO_SHOPPER_EMAIL, "password": domain::operations::seed::DEMO_SHOPPER_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, body) = shop.get("/products?q=Enamel").await;
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

async fn pages_speak_the_shoppers_language_and_unknown_products_are_404(backend: Backend) {
    let shop = Shop::start(backend).await;
    let page = |path: &str, accept: &str, cookie: Option<&str>| {
        let mut r = Client::new().get(format!("{}{path}", shop.root)).header("accept-language", accept);
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        r.send()
    };
    let r = page("/", "ko-KR,ko;q=0.9", None).await.unwrap();
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("lang=ko;"));
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<html lang="ko""#) && html.contains("전체 상품"), "{html}");
    let html = page("/", "en-US,en;q=0.9", None).await.unwrap().text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#) && html.contains("Catalog"));
    // The switcher's cookie wins over the browser's languages, and is not set again.
    let r = page("/", "en-US", Some("lang=ko")).await.unwrap();
    assert!(r.headers().get("set-cookie").is_none());
    assert!(r.text().await.unwrap().contains(r#"<html lang="ko""#));
    // The API stays English and sets no language cookie.
    let r = page("/api/v1/products/999999", "ko-KR", None).await.unwrap();
    assert!(r.headers().get("set-cookie").is_none());
    assert_eq!(r.json::<Value>().await.unwrap()["message"], "not found");

    let r = page("/products/999999", "ko-KR", None).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("상품을 찾을 수 없습니다"));
    // The switcher remembers the choice and goes back; only to paths on this site.
    let switch = |path: &str| {
        Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}{path}", shop.root))
            .send()
    };
    let r = switch("/lang/en?next=/cart").await.unwrap();
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("lang=en;"));
    assert_eq!(r.headers()["location"], "/cart");
    let r = switch("/lang/en?next=//evil.example").await.unwrap();
    assert_eq!(r.headers()["location"], "/");
    assert_eq!(switch("/lang/fr").await.unwrap().status(), StatusCode::NOT_FOUND);
    shop.db.drop_database().await;
}

on_both_databases!(
    search_sort_and_categories,
    products_carry_their_category_and_pictures,
    orders_keep_the_shipping_address_they_were_placed_with,
    pages_speak_the_shoppers_language_and_unknown_products_are_404,
);
