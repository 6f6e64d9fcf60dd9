//! Shared by the server's newer test files: the real application on port 0 against a fresh
//! database, and a macro that runs a test on both databases. (The older files still carry their
//! own copies; folding them in is part of the test-harness clean-up.)
#![allow(dead_code)]

use domain::config::ShopConfig;
use domain::testing::{Backend, TestDatabase};
use domain::types::{Email, Password};
use server::Application;
use server::config::Config;

/// A running shop: `root` is `http://127.0.0.1:port`.
pub struct TestShop {
    pub root: String,
    pub db: TestDatabase,
    _site: tempfile::TempDir,
    seed: bool,
    admin: Option<(String, String)>,
    trusted_proxies: String,
}

async fn serve(
    url: &str,
    seed: bool,
    admin: Option<(String, String)>,
    trusted_proxies: &str,
    site: &std::path::Path,
) -> String {
    let url = url.to_owned();
    let shop = ShopConfig::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SEED_DEMO_DATA" => Some(if seed { "1" } else { "0" }.to_owned()),
        _ => None,
    })
    .unwrap();
    let mut queue = worker::queue::QueueSettings::from_env(&shop);
    queue.kind = worker::queue::QueueKind::Embedded { path: site.join("jobs.db") };
    let config = Config {
        queue,
        shop,
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: site.display().to_string(),
        output_name: "shop".to_owned(),
        admin: admin.map(|(e, p)| (Email::parse(&e).unwrap(), Password::parse(&p).unwrap())),
        migrate: true,
        secure_cookies: false,
        time_zone: chrono_tz::Asia::Seoul,
        trusted_proxies: server::client_ip::parse_ranges(trusted_proxies).unwrap(),
    };
    let app = Application::build(config).await.expect("the server starts");
    let root = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    root
}

impl TestShop {
    /// The server on a fresh database; `seed` adds the demo catalog, `admin` an admin account.
    pub async fn start(backend: Backend, seed: bool, admin: Option<(&str, &str)>) -> Self {
        Self::start_with(backend, seed, admin, "").await
    }

    /// [`TestShop::start`] behind the reverse proxies `trusted_proxies` (`TRUSTED_PROXIES`).
    pub async fn start_with(backend: Backend, seed: bool, admin: Option<(&str, &str)>, trusted_proxies: &str) -> Self {
        let db = TestDatabase::new(backend).await;
        let site = tempfile::tempdir().unwrap();
        let admin = admin.map(|(e, p)| (e.to_owned(), p.to_owned()));
        let root = serve(&db.url, seed, admin.clone(), trusted_proxies, site.path()).await;
        Self { root, db, _site: site, seed, admin, trusted_proxies: trusted_proxies.to_owned() }
    }

    /// A second server process's worth of application on the same database (its own pool, its
    /// own memory): `http://127.0.0.1:port`.
    pub async fn another_server(&self) -> String {
        serve(&self.db.url, self.seed, self.admin.clone(), &self.trusted_proxies, self._site.path()).await
    }

    /// A JSON API URL: `api("/products")`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.root)
    }
}

/// Runs each listed `async fn(Backend)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(domain::testing::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(domain::testing::Backend::Postgres).await })*
        }
    };
}
