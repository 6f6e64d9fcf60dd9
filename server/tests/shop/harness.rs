//! The one harness of the server's HTTP tests: the real application on port 0 against a fresh
//! database (or a given one), started with the options a test needs, and the HTTP client's
//! helpers every test uses (signed-in clients, JSON answers, coded errors). Tests run on both
//! databases with `domain::on_both_databases!`.

use std::path::Path;

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use domain::settings::Settings;
use domain::testing::{Backend, TestDatabase};
use server::Application;
use server::config::Config;

/// How a test's shop is started; `Options::default()` is a bare shop: no demo data, no admin,
/// no proxy trusted, plain-HTTP cookies, the embedded expiry queue, and no rate limits (every
/// test client comes from 127.0.0.1; the limits have tests of their own).
#[derive(Clone, Default)]
pub struct Options {
    pub seed: bool,
    pub admin: Option<(String, String)>,
    /// `TRUSTED_PROXIES`.
    pub trusted_proxies: String,
    /// Cookies marked `Secure`, as behind TLS.
    pub secure_cookies: bool,
    /// The expiry queue on this Redis (its default namespace) instead of the embedded queue.
    pub redis_url: Option<String>,
    /// Rate limits as `(sign-ups per address, orders per address, orders per account)` a
    /// minute; `None`: all off.
    pub limits: Option<(u32, u32, u32)>,
}

impl Options {
    pub fn seeded(mut self) -> Self {
        self.seed = true;
        self
    }

    pub fn admin(mut self, (email, password): (&str, &str)) -> Self {
        self.admin = Some((email.to_owned(), password.to_owned()));
        self
    }

    pub fn trusted_proxies(mut self, ranges: &str) -> Self {
        self.trusted_proxies = ranges.to_owned();
        self
    }

    pub fn secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    pub fn redis(mut self, url: Option<&str>) -> Self {
        self.redis_url = url.map(str::to_owned);
        self
    }

    pub fn limits(mut self, sign_ups_per_address: u32, orders_per_address: u32, orders_per_account: u32) -> Self {
        self.limits = Some((sign_ups_per_address, orders_per_address, orders_per_account));
        self
    }
}

/// Starts the application on the database at `url`, its site (and embedded queue) in `site`;
/// returns `http://127.0.0.1:port`.
pub async fn serve(url: &str, site: &Path, options: &Options) -> String {
    let url = url.to_owned();
    let site_root = site.display().to_string();
    let on = |yes: bool| Some(if yes { "1" } else { "0" }.to_owned());
    let settings = Settings::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SEED_DEMO_DATA" => on(options.seed),
        "REDIS_URL" => options.redis_url.clone(),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        "LEPTOS_SITE_ROOT" => Some(site_root.clone()),
        "ADMIN_EMAIL" => options.admin.as_ref().map(|(email, _)| email.clone()),
        "ADMIN_PASSWORD" => options.admin.as_ref().map(|(_, password)| password.clone()),
        "COOKIE_SECURE" => on(options.secure_cookies),
        "TRUSTED_PROXIES" => Some(options.trusted_proxies.clone()),
        "SIGN_UPS_PER_ADDRESS_PER_MINUTE" => Some(options.limits.map_or(0, |l| l.0).to_string()),
        "ORDERS_PER_ADDRESS_PER_MINUTE" => Some(options.limits.map_or(0, |l| l.1).to_string()),
        "ORDERS_PER_ACCOUNT_PER_MINUTE" => Some(options.limits.map_or(0, |l| l.2).to_string()),
        _ => None,
    })
    .unwrap();
    let mut config = Config::new(settings);
    if options.redis_url.is_none() {
        config.queue.kind = queue::QueueKind::Embedded { path: site.join("jobs.db") };
    }
    let app = Application::build(config).await.expect("the server starts");
    let root = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    root
}

/// A running shop: `root` is `http://127.0.0.1:port`.
pub struct TestShop {
    pub root: String,
    pub db: TestDatabase,
    site: tempfile::TempDir,
    options: Options,
}

impl TestShop {
    /// The server on a fresh database; `seed` adds the demo catalog, `admin` an admin account.
    pub async fn start(backend: Backend, seed: bool, admin: Option<(&str, &str)>) -> Self {
        let options = Options { seed, ..Options::default() };
        Self::with_options(backend, if let Some(a) = admin { options.admin(a) } else { options }).await
    }

    /// The server on a fresh database, started with `options`.
    pub async fn with_options(backend: Backend, options: Options) -> Self {
        let db = TestDatabase::new(backend).await;
        let site = tempfile::tempdir().unwrap();
        let root = serve(&db.url, site.path(), &options).await;
        Self { root, db, site, options }
    }

    /// A second server process's worth of application on the same database (its own pool, its
    /// own memory): `http://127.0.0.1:port`.
    pub async fn another_server(&self) -> String {
        serve(&self.db.url, self.site.path(), &self.options).await
    }

    /// A JSON API URL: `api("/products")`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.root)
    }

    /// A shop with the admin account [`ADMIN`].
    pub async fn with_admin(backend: Backend) -> Self {
        Self::with_options(backend, Options::default().admin(ADMIN)).await
    }

    /// `GET` a public JSON API path: its status and body.
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        json_of(reqwest::get(self.api(path)).await.unwrap()).await
    }

    /// A client with its own cookie jar, signed in as `email`.
    pub async fn signed_in(&self, email: &str, password: &str) -> Client {
        let c = Client::builder().cookie_store(true).build().unwrap();
        self.sign_in(&c, email, password).await;
        c
    }

    /// Signs `c` in as `email` (200 expected).
    pub async fn sign_in(&self, c: &Client, email: &str, password: &str) {
        let r = c.post(self.api("/session")).json(&json!({"email": email, "password": password})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "signing in {email}");
    }

    /// A new shopper `email` (password `password-123`), signed up and in, with its own cookies.
    pub async fn shopper(&self, email: &str) -> Client {
        let c = Client::builder().cookie_store(true).build().unwrap();
        let r =
            c.post(self.api("/users")).json(&json!({"email": email, "password": "password-123"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "signing up {email}");
        self.sign_in(&c, email, "password-123").await;
        c
    }

    /// The admin [`ADMIN`], signed in.
    pub async fn admin(&self) -> Client {
        self.signed_in(ADMIN.0, ADMIN.1).await
    }
}

/// The admin account the tests' shops are started with (`Options::admin`).
pub const ADMIN: (&str, &str) = ("ops@shop.test", "admin-secret-1");

pub async fn body(r: Response) -> Value {
    r.json().await.unwrap()
}

pub async fn json_of(r: Response) -> (StatusCode, Value) {
    (r.status(), r.json().await.unwrap())
}

/// Asserts an error answer's status and `code`; returns its body.
pub async fn expect_error(r: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(r.status(), status, "expected {code}");
    let b = body(r).await;
    assert_eq!(b["code"], code, "{b}");
    b
}
