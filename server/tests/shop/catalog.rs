//! The catalog over the JSON API: the public listing, search, sort, categories and pictures, and
//! the admin's products, categories and uploads (checked by content and size).
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::harness::{ADMIN, TestShop, body, expect_error, json_of};
use crate::scene::Scene;

async fn admins_create_and_edit_products_and_bad_ones_are_refused(backend: Backend) {
    let s = Scene::new(backend).await;
    let (api, admin) = (&s.api, &s.admin);
    let new_product = json!({"name": "Cup", "price": 8_000, "stock": 4});
    expect_error(
        Client::new().post(api.api("/admin/products")).json(&new_product).send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    expect_error(
        s.alice.post(api.api("/admin/products")).json(&new_product).send().await.unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let r = admin.post(api.api("/admin/products")).json(&new_product).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let cup = body(r).await;
    assert_eq!((cup["stock"].as_i64(), cup["status"].as_str()), (Some(4), Some("on_sale")));
    let r = admin
        .post(api.api("/admin/products"))
        .json(&json!({"name": "Bad", "price": -1, "stock": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "price");
    s.done().await;
}

async fn the_public_catalog_pages_and_finds_products(backend: Backend) {
    let s = Scene::new(backend).await;
    let api = &s.api;
    let list = body(Client::new().get(api.api("/products?page=1&per_page=1")).send().await.unwrap()).await;
    assert_eq!((list["total"].as_i64(), list["items"].as_array().map(Vec::len)), (Some(2), Some(1)));
    let r = Client::new().get(api.api("/products?per_page=101")).send().await.unwrap();
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await;
    // Found by the schemathesis run: a page past i64::MAX once panicked in the paginator.
    for page in ["9223372036854775808", "1000001"] {
        let r = Client::new().get(api.api(&format!("/products?page={page}"))).send().await.unwrap();
        assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "page");
        let r = s.admin.get(api.api(&format!("/admin/orders?page={page}"))).send().await.unwrap();
        assert_eq!(expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await["field"], "page");
    }
    let mug = body(Client::new().get(api.api(&format!("/products/{}", s.mug_id))).send().await.unwrap()).await;
    assert_eq!(mug["name"], "Mug");
    for missing in ["999999", "abc", "99999999999999999999999"] {
        expect_error(
            Client::new().get(api.api(&format!("/products/{missing}"))).send().await.unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    s.done().await;
}

/// The names of the products a public listing returns.
async fn names(shop: &TestShop, path: &str) -> Vec<String> {
    let (status, body) = shop.get_json(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
}

async fn search_sort_and_categories(backend: Backend) {
    let shop = TestShop::start(backend, true, None).await;
    // Korean and English, case-insensitive, name or description.
    assert_eq!(names(&shop, "/products?q=%EB%8F%84%EB%A7%88").await, ["편백나무 도마"]);
    assert_eq!(names(&shop, "/products?q=KETTLE").await, ["스테인리스 드립 케틀 1.2L"]);
    assert_eq!(names(&shop, "/products?q=gooseneck").await, ["스테인리스 드립 케틀 1.2L"]);
    // `%` and `_` are letters, not wildcards.
    assert!(names(&shop, "/products?q=%25").await.is_empty());
    // 머그
    let (status, body) = shop.get_json("/products?q=%EB%A8%B8%EA%B7%B8&per_page=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 1, "total counts the matches: {body}");

    let kitchen = names(&shop, "/products?category=kitchen&sort=name&per_page=100").await;
    assert_eq!(kitchen.len(), 7);
    let mut sorted = kitchen.clone();
    sorted.sort();
    assert_eq!(kitchen, sorted);
    assert!(names(&shop, "/products?category=no-such-shelf").await.is_empty());

    let prices = |body: &Value| {
        body["items"].as_array().unwrap().iter().map(|p| p["price"].as_i64().unwrap()).collect::<Vec<_>>()
    };
    let (_, up) = shop.get_json("/products?sort=price_asc&per_page=100").await;
    let (_, down) = shop.get_json("/products?sort=price_desc&per_page=100").await;
    assert!(prices(&up).is_sorted());
    assert!(prices(&down).iter().rev().is_sorted());
    // Newest first by default: the last demo product created comes first.
    assert_eq!(names(&shop, "/products?per_page=1").await, ["코튼 홈웨어 티셔츠"]);

    let (status, body) = shop.get_json("/products?sort=").await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sort")));
    let (status, body) = shop.get_json("/products?sort=cheapest").await;
    assert_eq!(
        (status, body["code"].as_str(), body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_error"), Some("sort"))
    );
    let (status, body) = shop.get_json(&format!("/products?q={}", "a".repeat(101))).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("q")));

    let (status, body) = shop.get_json("/categories").await;
    assert_eq!(status, StatusCode::OK);
    let counts: Vec<(String, i64)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["slug"].as_str().unwrap().to_owned(), c["product_count"].as_i64().unwrap()))
        .collect();
    for expected in [("kitchen", 7), ("tableware", 3), ("coffee-tea", 3), ("linen", 3)] {
        assert!(counts.contains(&(expected.0.to_owned(), expected.1)), "{counts:?}");
    }
    shop.db.drop_database().await;
}

async fn products_carry_their_category_and_pictures(backend: Backend) {
    let shop = TestShop::start(backend, true, None).await;
    // 편백
    let (_, body) = shop.get_json("/products?q=%ED%8E%B8%EB%B0%B1").await;
    let board = &body["items"][0];
    assert_eq!(board["category"], json!({"slug": "kitchen", "name": "주방도구"}));
    let image = &board["images"][0];
    assert_eq!(image["alt"], "편백나무 도마");
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

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(640, 480, image::Rgb([30, 120, 200])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn categories_are_created_once_and_products_move_between_them(backend: Backend) {
    let shop = TestShop::start(backend, false, Some(ADMIN)).await;
    let base = shop.api("");
    let admin = shop.admin().await;
    let create = |slug: &str, name: &str| {
        admin.post(format!("{base}/admin/categories")).json(&json!({"slug": slug, "name": name})).send()
    };
    let (status, tea) = json_of(create("tea", "차").await.unwrap()).await;
    assert_eq!((status, &tea), (StatusCode::CREATED, &json!({"slug": "tea", "name": "차"})));
    let (status, again) = json_of(create("tea", "녹차").await.unwrap()).await;
    assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")));
    let (status, bad) = json_of(create("Green Tea", "녹차").await.unwrap()).await;
    assert_eq!((status, bad["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("slug")));

    let (status, p) = json_of(
        admin
            .post(format!("{base}/admin/products"))
            .json(&json!({"name": "Sencha", "price": 12_000, "stock": 4, "category": "tea", "description": "Steamed"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!((p["category"]["slug"].as_str(), p["description"].as_str()), (Some("tea"), Some("Steamed")));
    let patch = |body: Value| admin.patch(format!("{base}/admin/products/{}", p["id"])).json(&body).send();
    let (_, renamed) = json_of(patch(json!({"name": "Sencha 50g"})).await.unwrap()).await;
    assert_eq!(renamed["category"]["slug"], "tea", "absent: the shelf stays");
    let (_, off) = json_of(patch(json!({"category": null, "description": "Steamed, spring"})).await.unwrap()).await;
    assert_eq!((off["category"].is_null(), off["description"].as_str()), (true, Some("Steamed, spring")));
    let (status, unknown) = json_of(patch(json!({"category": "coffee"})).await.unwrap()).await;
    assert_eq!((status, unknown["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("category")));

    let (_, shelves) = json_of(reqwest::get(format!("{base}/categories")).await.unwrap()).await;
    assert_eq!(shelves["items"][0]["slug"], "tea");
    shop.db.drop_database().await;
}

async fn uploads_are_checked_by_content_and_size(backend: Backend) {
    let shop = TestShop::start(backend, false, Some(ADMIN)).await;
    let base = shop.api("");
    let admin = shop.admin().await;
    let (_, p) = json_of(
        admin
            .post(format!("{base}/admin/products"))
            .json(&json!({"name": "Cup", "price": 5_000, "stock": 1}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let upload = |bytes: Vec<u8>, name: &str, alt: Option<&str>| {
        let mut form =
            Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()).mime_str("image/png").unwrap());
        if let Some(alt) = alt {
            form = form.text("alt", alt.to_owned());
        }
        admin.post(format!("{base}/admin/products/{}/images", p["id"])).multipart(form).send()
    };

    let (status, image) = json_of(upload(png(), "cup.png", Some("파란 컵")).await.unwrap()).await;
    assert_eq!((status, image["alt"].as_str()), (StatusCode::CREATED, Some("파란 컵")));
    let url = image["url"].as_str().unwrap();
    let served = reqwest::get(format!("{}{url}", shop.root)).await.unwrap();
    assert_eq!(served.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let (_, product) = json_of(reqwest::get(format!("{base}/products/{}", p["id"])).await.unwrap()).await;
    assert_eq!(product["images"][0]["url"], url);

    // Text named and declared as a PNG is still text.
    let (status, refused) =
        json_of(upload(b"hello, I am not a picture".to_vec(), "cup.png", None).await.unwrap()).await;
    assert_eq!((status, refused["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")));
    // Just over 5 MiB: inside the body limit, refused by the size check.
    let (status, big) = json_of(upload(vec![0; 5 * 1024 * 1024 + 1], "big.png", None).await.unwrap()).await;
    assert_eq!((status, big["field"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("file")));
    // Far over: cut off by the body limit while reading.
    let r = upload(vec![0; 9 * 1024 * 1024], "huge.png", None).await;
    if let Ok(r) = r {
        // The client may see the connection closed before the answer; when it answers, it is 413
        // and says the connection closes, so the next request (below, same client) opens a new one.
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(r.headers()["connection"], "close");
    }
    let no_file = admin
        .post(format!("{base}/admin/products/{}/images", p["id"]))
        .multipart(Form::new().text("alt", "nothing"))
        .send()
        .await
        .unwrap();
    let (status, missing) = json_of(no_file).await;
    assert_eq!((status, missing["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")));
    let r = admin
        .post(format!("{base}/admin/products/999999/images"))
        .multipart(Form::new().part("file", Part::bytes(png()).file_name("x.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let anonymous = Client::new()
        .post(format!("{base}/admin/products/{}/images", p["id"]))
        .multipart(Form::new().part("file", Part::bytes(png()).file_name("x.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    shop.db.drop_database().await;
}

on_both_databases!(
    admins_create_and_edit_products_and_bad_ones_are_refused,
    the_public_catalog_pages_and_finds_products,
    search_sort_and_categories,
    products_carry_their_category_and_pictures,
    categories_are_created_once_and_products_move_between_them,
    uploads_are_checked_by_content_and_size,
);
