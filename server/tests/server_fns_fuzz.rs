//! Property-based fuzzing of every server function the pages call (the JSON API has its own run
//! with schemathesis, `scripts/fuzz-api.sh`): generated form bodies - numbers at and past their
//! bounds, empty and over-long strings, markup, control characters - sent as an anonymous
//! visitor, a shopper and an admin. No answer may be a 5xx, and afterwards the invariants of
//! `docs/domain.md` hold; on SQLite and on PostgreSQL.
use std::time::Duration;

mod common;

use common::{Options, TestShop};
use domain::testing::Backend;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use reqwest::Client;
use serde_json::json;

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
