//! The one harness of the server's HTTP tests: the real application on port 0 against a fresh
//! database (or a given one), started with the options a test needs. Tests run on both databases
//! with `domain::on_both_databases!`.
#![allow(dead_code)]

use std::path::Path;

use domain::settings::Settings;
use domain::testing::{Backend, TestDatabase};
use server::Application;
use server::config::Config;

/// How a test's shop is started; `Options::default()` is a bare shop: no demo data, no admin,
/// no proxy trusted, plain-HTTP cookies, the embedded expiry queue.
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
}
