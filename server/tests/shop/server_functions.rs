//! The pages' server functions called as a browser calls them: refusals carry their status,
//! form posts without JavaScript go back to their page, and fuzzed arguments never get a 500 or
//! break an invariant.
use std::time::Duration;

use domain::testing::Backend;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use reqwest::{Client, StatusCode, header, redirect};
use serde_json::{Value, json};

use crate::harness::{Options, TestShop};

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

/// Every argument name a server function of the app takes; unknown ones are ignored by each.
const FIELDS: [&str; 29] = [
    "product_id",
    "quantity",
    "coupon",
    "key",
    "order_id",
    "card_number",
    "coupon_id",
    "email",
    "password",
    "name",
    "next",
    "id",
    "delta",
    "reason",
    "price",
    "stock",
    "description",
    "on_sale",
    "kind",
    "value",
    "max_discount",
    "min_order_amount",
    "valid_from",
    "valid_until",
    "status",
    "search",
    "from",
    "to",
    "page",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (-3_i64..30).prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        Just("99999999999999999999999".to_owned()),
        Just(String::new()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("2026-13-45".to_owned()),
        Just("demo@shop.test".to_owned()),
        "(?s).{0,60}",
        "[a-z_]{1,12}",
    ]
}

/// Which function and caller, and a value for most fields (each left out now and then).
fn form() -> impl Strategy<Value = (usize, Vec<Option<String>>)> {
    (any::<usize>(), prop::collection::vec(proptest::option::weighted(0.85, value()), FIELDS.len()))
}

async fn signed_in(base: &str, email: &str, password: &str) -> Client {
    let c = Client::builder().cookie_store(true).timeout(Duration::from_secs(35)).build().unwrap();
    let r = c.post(format!("{base}/api/v1/session")).json(&json!({"email": email, "password": password})).send().await;
    assert!(r.unwrap().status().is_success(), "sign in {email}");
    c
}

fn fuzz(backend: Backend) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let shop = rt.block_on(TestShop::with_options(
        backend,
        Options::default().seeded().admin(("fuzz-admin@shop.test", "fuzz-admin-pass")),
    ));
    let (db, base) = (&shop.db, shop.root.clone());
    let clients = rt.block_on(async {
        vec![
            Client::builder().timeout(Duration::from_secs(35)).build().unwrap(),
            signed_in(&base, "demo@shop.test", "demo-password").await,
            signed_in(&base, "fuzz-admin@shop.test", "fuzz-admin-pass").await,
        ]
    });
    let mut endpoints: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, m)| m == axum::http::Method::POST)
        .map(|(p, _)| p.to_owned())
        // Signing out would end the sessions the rest of the run uses.
        .filter(|p| !p.ends_with("/sign_out"))
        .collect();
    endpoints.sort();
    assert!(endpoints.len() >= 20, "the app's server functions are registered: {endpoints:?}");

    let cases = std::env::var("FUZZ_SERVER_FN_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    let seen = std::sync::Mutex::new(std::collections::BTreeMap::<u16, u32>::new());
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let result = runner.run(&form(), |(pick, fields)| {
        let endpoint = &endpoints[pick % endpoints.len()];
        let client = &clients[(pick / endpoints.len()) % clients.len()];
        let body: Vec<(&str, String)> = fields.into_iter().zip(FIELDS).filter_map(|(v, f)| v.map(|v| (f, v))).collect();
        let status = rt.block_on(async {
            client
                .post(format!("{base}{endpoint}"))
                .header("Accept", "application/json")
                .form(&body)
                .send()
                .await
                .map(|r| r.status())
        });
        let status = status.map_err(|e| TestCaseError::fail(format!("{endpoint}: no answer: {e}")))?;
        *seen.lock().unwrap().entry(status.as_u16()).or_default() += 1;
        prop_assert!(!status.is_server_error(), "{} answered {} to {:?}", endpoint, status, body);
        Ok(())
    });
    let violations = rt.block_on(async {
        let conn = domain::db::connect(&db.url, 1).await.unwrap();
        domain::invariants::check(&conn).await.unwrap()
    });
    rt.block_on(db.drop_database());
    if let Err(e) = result {
        panic!("{e}");
    }
    // The run reached the functions: some calls succeeded and some were refused.
    let seen = seen.into_inner().unwrap();
    println!("statuses: {seen:?}");
    assert!(seen.keys().any(|s| (200..300).contains(s)) && seen.keys().any(|s| (400..500).contains(s)), "{seen:?}");
    assert!(violations.is_empty(), "after the fuzzing:\n{}", violations.join("\n"));
}

#[test]
fn every_server_function_on_sqlite() {
    fuzz(Backend::Sqlite);
}

#[test]
fn every_server_function_on_postgres() {
    fuzz(Backend::Postgres);
}
