//! The pages as a browser receives them from the real server: in the shopper's language, a 404
//! for what does not exist, and names and search terms shown as text, never as markup.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::harness::{ADMIN, TestShop, json_of};

async fn pages_speak_the_shoppers_language_and_unknown_products_are_404(backend: Backend) {
    let shop = TestShop::start(backend, true, None).await;
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
    let admin = shop.admin().await;
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
    pages_speak_the_shoppers_language_and_unknown_products_are_404,
    markup_in_names_and_search_terms_reaches_pages_as_text,
);
