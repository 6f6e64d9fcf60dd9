//! The API's v1.1 admin catalog on the real server, on SQLite and PostgreSQL: categories,
//! descriptions and shelves on products, and image uploads checked by their content and size.
mod common;

use common::TestShop;
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const ADMIN: (&str, &str) = ("ops@shop.test", "admin-secret-1");

async fn admin(base: &str) -> Client {
    let c = Client::builder().cookie_store(true).build().unwrap();
    let r =
        c.post(format!("{base}/session")).json(&json!({"email": ADMIN.0, "password": ADMIN.1})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    c
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    (r.status(), r.json().await.unwrap())
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
    let admin = admin(&base).await;
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
    let admin = admin(&base).await;
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

/// The rendered page's `<head>` (up to `</head>`): where leptos_meta writes the title.
fn head_of(html: &str) -> &str {
    &html[..html.find("</head>").expect("a page with a head")]
}

/// Markup in a search term or a product's name or description is shown as text: the title
/// (which leptos_meta writes unescaped) and the admin's description box (which tachys writes
/// unescaped) carry it escaped, so no element of it reaches the page.
async fn markup_in_names_and_search_terms_reaches_pages_as_text(backend: Backend) {
    let shop = TestShop::start(backend, false, Some(ADMIN)).await;
    let base = shop.api("");
    let admin = admin(&base).await;
    let refresh = r#"</title><meta http-equiv="refresh" content="0;url=https://evil.example/">"#;
    let html = Client::new()
        .get(format!("{}/", shop.root))
        .query(&[("q", refresh)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let head = head_of(&html);
    assert!(!head.contains("<meta http-equiv"), "a search term made markup: {head}");
    assert!(head.contains("&lt;/title&gt;&lt;meta http-equiv="), "the term is not in the title as text: {head}");

    let name = "Mug</title><b id=injected>x";
    let description = "Line one\n</textarea><b id=injected>y & <i>z</i>";
    let (status, p) = json_of(
        admin
            .post(format!("{base}/admin/products"))
            .json(&json!({"name": name, "price": 9_000, "stock": 3, "description": description}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let product_page =
        Client::new().get(format!("{}/products/{}", shop.root, p["id"])).send().await.unwrap().text().await.unwrap();
    assert!(!product_page.contains("<b id=injected>"), "a product name made markup: {product_page}");
    assert!(head_of(&product_page).contains("<title>Mug&lt;/title&gt;&lt;b id=injected&gt;x |"));

    let edit_page = admin.get(format!("{}/admin/products/{}", shop.root, p["id"])).send().await.unwrap();
    assert_eq!(edit_page.status(), StatusCode::OK);
    let edit_page = edit_page.text().await.unwrap();
    assert!(!edit_page.contains("<b id=injected>"), "a description made markup: {edit_page}");
    assert!(
        edit_page.contains(">Line one\n&lt;/textarea&gt;&lt;b id=injected&gt;y &amp; &lt;i&gt;z&lt;/i&gt;</textarea>"),
        "the description box does not hold the description as text: {edit_page}"
    );
    shop.db.drop_database().await;
}

on_both_databases!(
    categories_are_created_once_and_products_move_between_them,
    uploads_are_checked_by_content_and_size,
    markup_in_names_and_search_terms_reaches_pages_as_text,
);
