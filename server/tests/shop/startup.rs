//! How the shop starts: servers started together on a new database all come up and seed once,
//! the seeded catalog renders, readiness names a queue that does not answer; and the real
//! binaries wait for a database that is not there yet, then refuse readably, and refuse a bad
//! setting by its name.
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::faults::processes::binary;
use crate::harness::{Options, serve};

struct TestApp {
    base: String,
    _dir: tempfile::TempDir,
}

async fn spawn_app(redis_url: Option<&str>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    let base = start_on(&db, redis_url, &dir).await;
    TestApp { base, _dir: dir }
}

/// A server on the SQLite file `db` (seeding the demo data, as the embedded default does).
async fn start_on(db: &str, redis_url: Option<&str>, dir: &tempfile::TempDir) -> String {
    serve(db, dir.path(), &Options::default().seeded().redis(redis_url)).await
}

/// Three servers started at the same moment on a new SQLite file take turns under the start
/// lock: all come up, the schema is made once and the demo data seeded once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_servers_started_at_once_on_a_new_sqlite_file_all_come_up_and_seed_once() {
    use domain::entities::product;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    let started = futures::future::join_all((0..3).map(|_| start_on(&db, None, &dir))).await;
    for base in &started {
        assert_eq!(reqwest::get(format!("{base}/readyz")).await.unwrap().status(), 200);
    }
    let conn = domain::db::connect(&db, 1).await.unwrap();
    let seeded = product::Entity::find().count(&conn).await.unwrap();
    let first = &started[0];
    let catalog: serde_json::Value =
        reqwest::get(format!("{first}/api/v1/products?per_page=100")).await.unwrap().json().await.unwrap();
    assert_eq!(catalog["total"].as_u64(), Some(seeded));
    let names: std::collections::HashSet<_> =
        catalog["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names.len() as u64, seeded, "no demo product was seeded twice");
}

#[tokio::test]
async fn server_renders_the_seeded_catalog_and_answers_health_checks() {
    let app = spawn_app(None).await;
    let client = reqwest::Client::new();

    let health = client.get(format!("{}/healthz", app.base)).send().await.unwrap();
    assert_eq!(health.status(), 200);

    let ready = client.get(format!("{}/readyz", app.base)).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"database": "ok", "queue": "ok"}));

    let page = client.get(format!("{}/", app.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let html = page.text().await.unwrap();
    // The hydration script carries this response's nonce, and the policy admits only that nonce.
    let nonce = html.split("<script type=\"module\" nonce=\"").nth(1).and_then(|r| r.split('"').next());
    let nonce = nonce.unwrap_or_else(|| panic!("the hydration script has a nonce: {html}"));
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(csp.contains(&format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'")), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let again = client.get(format!("{}/", app.base)).send().await.unwrap();
    let csp_again = again.headers()["content-security-policy"].to_str().unwrap();
    assert_ne!(csp_again, csp, "every response gets a fresh nonce");
    assert!(html.contains("편백나무 도마"), "the seeded catalog is rendered: {html}");
    assert!(html.contains("₩39,000"), "prices are shown in won");
    assert!(html.contains("₩25,000~"), "a product whose options differ in price shows where it starts");
    // No Accept-Language: the home market's language.
    assert!(html.contains(r#"<html lang="ko""#) && html.contains("3개 남음"), "low stock is announced");
    assert!(html.contains("/pkg/shop.js"), "the page loads its hydration script");
    let english =
        client.get(format!("{}/?q=%ED%8E%B8%EB%B0%B1", app.base)).header("accept-language", "en").send().await.unwrap();
    assert!(english.text().await.unwrap().contains("Only 3 left"), "and in English for an English browser");

    let missing = client.get(format!("{}/no-such-page", app.base)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn readiness_names_the_queue_when_redis_does_not_answer() {
    // Port 1 on loopback: nothing listens there.
    let app = spawn_app(Some("redis://127.0.0.1:1")).await;
    let ready = reqwest::get(format!("{}/readyz", app.base)).await.unwrap();
    assert_eq!(ready.status(), 503);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"database": "ok", "queue": "unavailable"}));
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn run(name: &str, env: &[(&str, String)]) -> (bool, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::new(binary(name));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let started = Instant::now();
    let out = c.output().expect("run the binary");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text, started.elapsed())
}

#[test]
fn a_database_that_never_comes_is_waited_for_then_refused_readably() {
    let port = closed_port();
    for name in ["server", "worker"] {
        let (ok, text, took) = run(
            name,
            &[
                ("DATABASE_URL", format!("postgres://shop@127.0.0.1:{port}/shop")),
                ("DATABASE_WAIT_SECS", "3".to_owned()),
            ],
        );
        assert!(!ok, "{name} started without a database:\n{text}");
        assert!(took < Duration::from_secs(20), "{name} waited {took:?} for a 3 s budget");
        let waiting = format!("waiting for PostgreSQL at 127.0.0.1:{port}: connection refused");
        assert!(text.matches(&waiting).count() >= 2, "{name}: no line per attempt:\n{text}");
        let last = text.lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!("{name}: PostgreSQL at 127.0.0.1:{port} was not reachable within 3s: connection refused"),
            "{name}'s last line"
        );
        assert!(!text.contains("SqlxError") && !text.contains("PoolTimedOut"), "{name} printed internals:\n{text}");
    }
}

#[test]
fn a_bad_setting_is_refused_by_its_name() {
    for (name, key) in
        [("server", "EXPIRY_WORKER_CONCURRENCY"), ("worker", "EXPIRY_HEARTBEAT_SECS"), ("worker", "DATABASE_WAIT_SECS")]
    {
        let (ok, text, _) = run(name, &[(key, "lots".to_owned())]);
        assert!(!ok, "{name} started with {key}=lots");
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with(&format!("{name}: configuration: {key}: must be ")), "{name}: {last}");
    }
}
