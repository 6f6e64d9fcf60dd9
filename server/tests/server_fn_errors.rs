//! The pages' server functions answer a refusal with the contract's status for its code (set
//! through leptos's response options when the error becomes the answer), an answer that is not an
//! error with 200, and a plain form post (no JavaScript) with leptos's redirect back to the page.
mod common;

use common::{Options, TestShop};
use domain::testing::Backend;
use reqwest::{Client, StatusCode, header, redirect};
use serde_json::Value;

async fn call(client: &Client, shop: &TestShop, function: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let r = client.post(format!("{}/api/{function}", shop.root)).form(form).send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn first_product(shop: &TestShop) -> String {
    let list: Value = Client::new().get(shop.api("/products?per_page=1")).send().await.unwrap().json().await.unwrap();
    list["items"][0]["id"].as_i64().expect("the seeded catalog has a product").to_string()
}

async fn refusals_carry_their_status(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().seeded()).await;
    let c = Client::new();

    let (status, body) = call(&c, &shop, "product", &[("id", "999999")]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{body}");

    let wrong = [("email", "nobody@shop.test"), ("password", "wrong-password"), ("next", "/")];
    let (status, body) = call(&c, &shop, "sign_in", &wrong).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")), "{body}");

    // An argument that does not parse is refused before the function runs.
    let (status, body) = call(&c, &shop, "product", &[("id", "not-a-number")]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_error")), "{body}");

    // Needs a session: the refusal is 401, not a server error.
    let (status, body) = call(&c, &shop, "my_orders", &[]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")), "{body}");
}

async fn answers_that_are_not_errors_stay_200(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().seeded()).await;
    let id = first_product(&shop).await;
    let (status, body) = call(&Client::new(), &shop, "product", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"].as_i64().map(|i| i.to_string()), Some(id));
}

async fn form_posts_are_sent_back_to_their_page(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().seeded()).await;
    let c = Client::builder().redirect(redirect::Policy::none()).build().unwrap();
    let page = format!("{}/sign-in", shop.root);
    let r = c
        .post(format!("{}/api/sign_in", shop.root))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, &page)
        .form(&[("email", "nobody@shop.test"), ("password", "wrong-password"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let location = r.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(location.starts_with(&page), "redirected to {location}");
}

async fn a_missing_product_page_is_404(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default().seeded()).await;
    let r = Client::new().get(format!("{}/products/999999", shop.root)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

domain::on_both_databases!(
    refusals_carry_their_status,
    answers_that_are_not_errors_stay_200,
    form_posts_are_sent_back_to_their_page,
    a_missing_product_page_is_404,
);
