//! The pieces of the fault suite: a private Redis that can be stopped and started, the real
//! `server` and `worker` binaries as child processes that can be killed, and a PostgreSQL
//! database whose connections can be cut and refused for a while.
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use domain::testing::{Backend, TestDatabase, postgres_admin_url};
use sea_orm::ConnectionTrait;

pub const ADMIN: (&str, &str) = ("faults-admin@shop.test", "faults-admin-password");
/// Short enough that every scenario sees orders expire; long enough to pay some of them.
pub const TTL_SECS: u64 = 3;
pub const SWEEP_SECS: u64 = 1;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A Redis of this test's own (Debian's redis-server), so stopping it disturbs no other test.
pub struct PrivateRedis {
    pub port: u16,
    child: Option<Child>,
}

impl PrivateRedis {
    pub fn start() -> Self {
        let mut r = Self { port: free_port(), child: None };
        r.resume();
        r
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    pub fn resume(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is required for the fault suite (Debian package redis-server)");
        self.child = Some(child);
        wait_until("the private Redis to listen", Duration::from_secs(10), || {
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
        });
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A binary of this build: `server`, or `worker` beside it.
pub fn binary(name: &str) -> PathBuf {
    let server = PathBuf::from(env!("CARGO_BIN_EXE_server"));
    let path = if name == "server" { server } else { server.with_file_name(name) };
    assert!(path.exists(), "{} is not built: run the suite with `cargo nextest run --workspace`", path.display());
    path
}

/// The environment both binaries share.
pub struct Shop {
    pub db: TestDatabase,
    pub redis: PrivateRedis,
    pub port: u16,
    pub prefix: String,
    site: tempfile::TempDir,
}

impl Shop {
    pub async fn new() -> Self {
        let db = TestDatabase::new(Backend::Postgres).await;
        let redis = PrivateRedis::start();
        let prefix = format!("faults-{}", free_port());
        Self { db, redis, port: free_port(), prefix, site: tempfile::tempdir().expect("temp dir") }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn command(&self, name: &str) -> Command {
        let mut c = Command::new(binary(name));
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &self.db.url)
            .env("REDIS_URL", self.redis.url())
            .env("REDIS_QUEUE_PREFIX", &self.prefix)
            .env("ORDER_PAYMENT_TTL_SECS", TTL_SECS.to_string())
            .env("EXPIRY_SWEEP_INTERVAL_SECS", SWEEP_SECS.to_string())
            .env("EXPIRY_HEARTBEAT_SECS", "1")
            // Payments left unsettled are finished two seconds on (production: two minutes).
            .env("PAYMENT_RECONCILE_AFTER_SECS", "2")
            .env("SEED_DEMO_DATA", "0")
            // Every shopper of the load comes from 127.0.0.1.
            .env("SIGN_UPS_PER_ADDRESS_PER_MINUTE", "0")
            .env("ORDERS_PER_ADDRESS_PER_MINUTE", "0")
            .env("ORDERS_PER_ACCOUNT_PER_MINUTE", "0")
            .env("ADMIN_EMAIL", ADMIN.0)
            .env("ADMIN_PASSWORD", ADMIN.1)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", self.port))
            .env("LEPTOS_SITE_ROOT", self.site.path())
            .env("RUST_LOG", "warn")
            .current_dir(self.site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        c
    }

    /// Starts the server and waits until it answers.
    pub fn server(&self) -> Proc {
        self.server_with(&[])
    }

    /// Starts the server with extra settings (a test hook, a longer payment window) and waits
    /// until it answers.
    pub fn server_with(&self, env: &[(&str, &str)]) -> Proc {
        let mut command = self.command("server");
        command.envs(env.iter().copied());
        let child = command.spawn().expect("start the server");
        let base = self.base();
        wait_until("the server to answer /healthz", Duration::from_secs(30), || {
            std::net::TcpStream::connect(base.trim_start_matches("http://")).is_ok()
        });
        Proc { child: Some(child) }
    }

    /// Starts `server` (on `port`) or `worker` without waiting for it.
    pub fn spawn(&self, name: &str, port: u16) -> Proc {
        let mut c = self.command(name);
        c.env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"));
        Proc { child: Some(c.spawn().expect("start the binary")) }
    }

    pub fn worker(&self) -> Proc {
        self.worker_with(&[])
    }

    pub fn worker_with(&self, env: &[(&str, &str)]) -> Proc {
        let mut command = self.command("worker");
        command.envs(env.iter().copied());
        Proc { child: Some(command.spawn().expect("start the worker")) }
    }

    /// Cuts every connection to the shop's database and refuses new ones (as a restarting
    /// PostgreSQL would) until [`Shop::database_back`].
    pub async fn database_down(&self) {
        let name = self.db.pg_name().expect("a PostgreSQL database");
        let admin = domain::db::connect(&postgres_admin_url(), 1).await.expect("admin connection");
        admin.execute_unprepared(&format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")).await.unwrap();
        self.db.cut_connections().await;
    }

    pub async fn database_back(&self) {
        let name = self.db.pg_name().expect("a PostgreSQL database");
        let admin = domain::db::connect(&postgres_admin_url(), 1).await.expect("admin connection");
        admin.execute_unprepared(&format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")).await.unwrap();
    }

    pub async fn cleanup(mut self) {
        self.redis.stop();
        self.db.drop_database().await;
    }
}

/// A running binary.
pub struct Proc {
    child: Option<Child>,
}

impl Proc {
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().expect("SIGKILL");
            let _ = c.wait();
        }
    }

    /// SIGTERM, then how the process exited and how long it took.
    pub fn terminate(&mut self) -> (bool, Duration) {
        let mut c = self.child.take().expect("a running process");
        let started = Instant::now();
        let status = Command::new("kill").args(["-TERM", &c.id().to_string()]).status().expect("kill -TERM");
        assert!(status.success());
        let deadline = started + Duration::from_secs(40);
        loop {
            if let Ok(Some(exit)) = c.try_wait() {
                return (exit.success(), started.elapsed());
            }
            if Instant::now() > deadline {
                let _ = c.kill();
                return (false, started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (at most `timeout`) for the process to end by itself; whether it did.
    pub fn exits_within(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if !self.is_running() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
