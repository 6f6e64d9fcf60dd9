//! The shop's settings: every environment variable the server and the worker read, parsed once at
//! start into one value in sections (the database, the expiry queue, the order rules, the web
//! server, the worker), with one parser and one error that names the variable. The defaults run
//! the embedded mode with no variable set. `VARIABLES` lists them all; the README's table must
//! list the same (a test compares them).
use std::net::SocketAddr;
use std::time::Duration;

use crate::db::DEFAULT_DATABASE_URL;
use crate::types::{Email, IpRange, Password, parse_ranges};

/// Every variable these settings read, in the order the README's table gives them.
pub const VARIABLES: &[&str] = &[
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_QUEUE_PREFIX",
    "EXPIRY_WORKER_CONCURRENCY",
    "EXPIRY_HEARTBEAT_SECS",
    "ORDER_PAYMENT_TTL_SECS",
    "EXPIRY_SWEEP_INTERVAL_SECS",
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD",
    "LEPTOS_SITE_ADDR",
    "LEPTOS_SITE_ROOT",
    "LEPTOS_OUTPUT_NAME",
    "SEED_DEMO_DATA",
    "DATABASE_MAX_CONNECTIONS",
    "COOKIE_SECURE",
    "RUN_MIGRATIONS",
    "DATABASE_WAIT_SECS",
    "PAYMENT_RECONCILE_AFTER_SECS",
    "METRICS_ADDR",
    "WORKER_METRICS_ADDR",
    "TRUSTED_PROXIES",
    "SHOP_TIME_ZONE",
    "MAX_REQUESTS_IN_FLIGHT",
    "STAFF_REQUESTS_IN_FLIGHT",
    "SIGN_UPS_PER_ADDRESS_PER_MINUTE",
    "ORDERS_PER_ADDRESS_PER_MINUTE",
    "ORDERS_PER_ACCOUNT_PER_MINUTE",
];

/// A variable that is set but cannot be used: which, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration: {variable}: {problem}")]
pub struct SettingsError {
    pub variable: &'static str,
    pub problem: String,
}

#[derive(Clone)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub queue: QueueSettings,
    pub orders: OrderSettings,
    pub server: ServerSettings,
    pub worker: WorkerSettings,
}

#[derive(Clone)]
pub struct DatabaseSettings {
    /// `DATABASE_URL`: a SQLite file (the default) or `postgres://...`. May carry a password:
    /// printed only as its scheme.
    pub url: String,
    /// `DATABASE_MAX_CONNECTIONS` [8 on SQLite, 10 on PostgreSQL]: the pool of one process.
    pub max_connections: u32,
    /// `DATABASE_WAIT_SECS` [60]: how long a process waits at start for its database.
    pub wait: Duration,
}

#[derive(Clone)]
pub struct QueueSettings {
    /// `REDIS_URL` [unset: the embedded queue beside the database].
    pub redis_url: Option<String>,
    /// `REDIS_QUEUE_PREFIX` [`shop`]: the namespace of the queue's Redis keys.
    pub redis_prefix: String,
    /// `EXPIRY_HEARTBEAT_SECS` [5]: how often a worker proves to the queue that it is alive.
    pub heartbeat: Duration,
    /// `EXPIRY_WORKER_CONCURRENCY` [4]: expiry jobs a worker runs at once (1 to 256).
    pub worker_concurrency: usize,
    /// `EXPIRY_SWEEP_INTERVAL_SECS` [30]: how often the worker sweeps for overdue orders.
    pub sweep_interval: Duration,
}

#[derive(Clone)]
pub struct OrderSettings {
    /// `ORDER_PAYMENT_TTL_SECS` [600]: how long a placed order waits for payment.
    pub payment_ttl: Duration,
    /// `PAYMENT_RECONCILE_AFTER_SECS` [120]: how old a payment left unsettled (its process died
    /// between the charge and the commit) must be before the worker's sweep finishes it. Keep it
    /// above the request timeout (30 s), so a payment still running is never second-guessed.
    pub payment_reconcile_after: Duration,
    /// `SEED_DEMO_DATA` [on for SQLite, off otherwise].
    pub seed_demo_data: bool,
    /// `SHOP_TIME_ZONE` [`Asia/Seoul`]: the zone pages show times in.
    pub time_zone: chrono_tz::Tz,
    /// `ORDERS_PER_ACCOUNT_PER_MINUTE` [20; 0 = off]: orders one account may place per minute,
    /// counted in each server process.
    pub orders_per_account_per_minute: u32,
}

#[derive(Clone)]
pub struct ServerSettings {
    /// `LEPTOS_SITE_ADDR` [`127.0.0.1:3000`]: where the server listens.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT` [`target/site`]: where the built site (`pkg/` with the wasm, JS, CSS) is.
    pub site_root: String,
    /// `LEPTOS_OUTPUT_NAME` [`shop`]: the bundle's file name.
    pub output_name: String,
    /// `ADMIN_EMAIL` and `ADMIN_PASSWORD` [unset]: created or updated at start; both or neither.
    pub admin: Option<(Email, Password)>,
    /// `RUN_MIGRATIONS` [on]: the server migrates at start.
    pub migrate: bool,
    /// `COOKIE_SECURE` [off]: mark the session cookie `Secure` (clients reach the shop over HTTPS).
    pub secure_cookies: bool,
    /// `TRUSTED_PROXIES` [none]: the reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpRange>,
    /// `METRICS_ADDR` [unset: off]: where the server serves Prometheus text (`GET /metrics`).
    pub metrics_addr: Option<SocketAddr>,
    /// `MAX_REQUESTS_IN_FLIGHT` [128]: requests served at once; past it a request is answered 503
    /// with `Retry-After` at once instead of queueing (health checks and staff apart).
    pub requests_in_flight: usize,
    /// `STAFF_REQUESTS_IN_FLIGHT` [32]: the same for the admin pages and API, which the crowd's
    /// bound never holds up.
    pub staff_requests_in_flight: usize,
    /// `SIGN_UPS_PER_ADDRESS_PER_MINUTE` [10; 0 = off]: sign-ups from one client address.
    pub sign_ups_per_address_per_minute: u32,
    /// `ORDERS_PER_ADDRESS_PER_MINUTE` [300; 0 = off]: orders placed from one client address
    /// (many shoppers may share an address behind a carrier's NAT: kept high).
    pub orders_per_address_per_minute: u32,
}

#[derive(Clone)]
pub struct WorkerSettings {
    /// `WORKER_METRICS_ADDR` [unset: off]: where the worker serves Prometheus text.
    pub metrics_addr: Option<SocketAddr>,
}

impl std::fmt::Debug for Settings {
    // URLs may carry passwords: only their schemes are printed; the admin's password never is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = |u: &str| u.split(':').next().unwrap_or_default().to_owned();
        f.debug_struct("Settings")
            .field("database", &scheme(&self.database.url))
            .field("redis", &self.queue.redis_url.as_deref().map(scheme))
            .field("payment_ttl", &self.orders.payment_ttl)
            .field("sweep_interval", &self.queue.sweep_interval)
            .field("seed_demo_data", &self.orders.seed_demo_data)
            .field("site_addr", &self.server.site_addr)
            .field("admin", &self.server.admin.as_ref().map(|(email, _)| email.as_str()))
            .finish()
    }
}

impl Settings {
    /// From the process's environment; an empty variable counts as unset.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// From any lookup of variables (tests pass their own).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let env = Reader { get: &get };
        let url = env.text("DATABASE_URL", DEFAULT_DATABASE_URL);
        let embedded = url.starts_with("sqlite:");
        let admin = match (env.get("ADMIN_EMAIL"), env.get("ADMIN_PASSWORD")) {
            (Some(email), Some(password)) => Some((
                Email::parse(&email).map_err(|e| env.refuse("ADMIN_EMAIL", e))?,
                Password::parse(&password).map_err(|e| env.refuse("ADMIN_PASSWORD", e))?,
            )),
            (None, None) => None,
            (Some(_), None) => return Err(env.refuse("ADMIN_PASSWORD", "set it with ADMIN_EMAIL, or neither")),
            (None, Some(_)) => return Err(env.refuse("ADMIN_EMAIL", "set it with ADMIN_PASSWORD, or neither")),
        };
        Ok(Self {
            database: DatabaseSettings {
                // Measured (BENCHMARKS.md): 10 beat 20 on a flash sale on 2 cores - fewer
                // transactions queue on the hot row's lock, the rest wait in the pool.
                max_connections: env.count("DATABASE_MAX_CONNECTIONS", if embedded { 8 } else { 10 }, 1_000)? as u32,
                wait: env.secs("DATABASE_WAIT_SECS", 60)?,
                url,
            },
            queue: QueueSettings {
                redis_url: env.get("REDIS_URL"),
                redis_prefix: env.text("REDIS_QUEUE_PREFIX", "shop"),
                heartbeat: env.secs("EXPIRY_HEARTBEAT_SECS", 5)?,
                worker_concurrency: env.count("EXPIRY_WORKER_CONCURRENCY", 4, 256)? as usize,
                sweep_interval: env.secs("EXPIRY_SWEEP_INTERVAL_SECS", 30)?,
            },
            orders: OrderSettings {
                payment_ttl: env.secs("ORDER_PAYMENT_TTL_SECS", 600)?,
                payment_reconcile_after: env.secs("PAYMENT_RECONCILE_AFTER_SECS", 120)?,
                seed_demo_data: env.flag("SEED_DEMO_DATA", embedded)?,
                time_zone: env.parsed("SHOP_TIME_ZONE", "Asia/Seoul", "a time zone name (e.g. Asia/Seoul, UTC)")?,
                orders_per_account_per_minute: env.per_minute("ORDERS_PER_ACCOUNT_PER_MINUTE", 20)?,
            },
            server: ServerSettings {
                site_addr: env.parsed(
                    "LEPTOS_SITE_ADDR",
                    "127.0.0.1:3000",
                    "an address and port, like 127.0.0.1:3000",
                )?,
                site_root: env.text("LEPTOS_SITE_ROOT", "target/site"),
                output_name: env.text("LEPTOS_OUTPUT_NAME", "shop"),
                admin,
                migrate: env.flag("RUN_MIGRATIONS", true)?,
                secure_cookies: env.flag("COOKIE_SECURE", false)?,
                trusted_proxies: parse_ranges(&env.text("TRUSTED_PROXIES", ""))
                    .map_err(|e| env.refuse("TRUSTED_PROXIES", e))?,
                metrics_addr: env.address("METRICS_ADDR")?,
                requests_in_flight: env.count("MAX_REQUESTS_IN_FLIGHT", 128, 100_000)? as usize,
                staff_requests_in_flight: env.count("STAFF_REQUESTS_IN_FLIGHT", 32, 10_000)? as usize,
                sign_ups_per_address_per_minute: env.per_minute("SIGN_UPS_PER_ADDRESS_PER_MINUTE", 10)?,
                orders_per_address_per_minute: env.per_minute("ORDERS_PER_ADDRESS_PER_MINUTE", 300)?,
            },
            worker: WorkerSettings { metrics_addr: env.address("WORKER_METRICS_ADDR")? },
        })
    }
}

/// The one parser: each kind of value read the same way for every variable, absent (or empty)
/// meaning the default, anything unusable refused with the variable's name.
struct Reader<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl Reader<'_> {
    fn get(&self, key: &'static str) -> Option<String> {
        debug_assert!(VARIABLES.contains(&key), "{key} is not in VARIABLES (and so not in the README)");
        (self.get)(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    fn refuse(&self, variable: &'static str, problem: impl std::fmt::Display) -> SettingsError {
        SettingsError { variable, problem: problem.to_string() }
    }

    fn text(&self, key: &'static str, default: &str) -> String {
        self.get(key).unwrap_or_else(|| default.to_owned())
    }

    /// A whole number of seconds above 0.
    fn secs(&self, key: &'static str, default: u64) -> Result<Duration, SettingsError> {
        match self.get(key) {
            None => Ok(Duration::from_secs(default)),
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Duration::from_secs)
                .ok_or_else(|| self.refuse(key, "must be a whole number of seconds above 0")),
        }
    }

    /// A whole number from 1 to `max`.
    fn count(&self, key: &'static str, default: u64, max: u64) -> Result<u64, SettingsError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| self.refuse(key, format!("must be a whole number from 1 to {max}"))),
        }
    }

    /// On (`1`, `true`, `on`, `yes`) or off (`0`, `false`, `off`, `no`); anything else is refused
    /// rather than guessed (`RUN_MIGRATIONS=no` once migrated all the same).
    fn flag(&self, key: &'static str, default: bool) -> Result<bool, SettingsError> {
        match self.get(key).map(|v| v.to_ascii_lowercase()) {
            None => Ok(default),
            Some(v) if matches!(v.as_str(), "1" | "true" | "on" | "yes") => Ok(true),
            Some(v) if matches!(v.as_str(), "0" | "false" | "off" | "no") => Ok(false),
            Some(_) => Err(self.refuse(key, "must be on or off (1/0, true/false, on/off, yes/no)")),
        }
    }

    /// A rate per minute from 0 (no limit) to 1,000,000.
    fn per_minute(&self, key: &'static str, default: u32) -> Result<u32, SettingsError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 1_000_000)
                .ok_or_else(|| self.refuse(key, "must be a whole number of tries per minute, 0 for no limit")),
        }
    }

    /// An address and port, or unset.
    fn address(&self, key: &'static str) -> Result<Option<SocketAddr>, SettingsError> {
        self.get(key)
            .map(|v| v.parse().map_err(|_| self.refuse(key, "must be an address and port, like 127.0.0.1:9464")))
            .transpose()
    }

    /// Any value with a `FromStr`, `what` saying what is expected.
    fn parsed<T: std::str::FromStr>(&self, key: &'static str, default: &str, what: &str) -> Result<T, SettingsError> {
        self.text(key, default).parse().map_err(|_| self.refuse(key, format!("must be {what}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Settings::from_lookup(move |k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn defaults_run_the_embedded_shop() {
        let s = with(&[]).unwrap();
        assert_eq!(s.database.url, DEFAULT_DATABASE_URL);
        assert!(s.queue.redis_url.is_none());
        assert_eq!(s.orders.payment_ttl, Duration::from_secs(600));
        assert_eq!(s.queue.sweep_interval, Duration::from_secs(30));
        assert!(s.orders.seed_demo_data && s.server.migrate && !s.server.secure_cookies);
        assert_eq!(s.server.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.orders.time_zone, chrono_tz::Asia::Seoul);
        assert_eq!(s.queue.redis_prefix, "shop");
    }

    #[test]
    fn postgres_does_not_seed_unless_asked() {
        assert!(!with(&[("DATABASE_URL", "postgres://db/shop")]).unwrap().orders.seed_demo_data);
        assert!(
            with(&[("DATABASE_URL", "postgres://db/shop"), ("SEED_DEMO_DATA", "yes")]).unwrap().orders.seed_demo_data
        );
    }

    #[test]
    fn every_bad_value_is_refused_by_its_variable() {
        let numbers = [
            "MAX_REQUESTS_IN_FLIGHT",
            "STAFF_REQUESTS_IN_FLIGHT",
            "ORDER_PAYMENT_TTL_SECS",
            "EXPIRY_SWEEP_INTERVAL_SECS",
            "DATABASE_MAX_CONNECTIONS",
            "DATABASE_WAIT_SECS",
            "EXPIRY_HEARTBEAT_SECS",
            "EXPIRY_WORKER_CONCURRENCY",
            "PAYMENT_RECONCILE_AFTER_SECS",
        ];
        for key in numbers {
            for bad in ["soon", "0", "-3", "1.5"] {
                assert_eq!(with(&[(key, bad)]).unwrap_err().variable, key, "{key}={bad}");
            }
        }
        for (key, bad) in [
            ("RUN_MIGRATIONS", "maybe"),
            ("COOKIE_SECURE", "y"),
            ("SEED_DEMO_DATA", "2"),
            ("METRICS_ADDR", "localhost"),
            ("WORKER_METRICS_ADDR", "9464"),
            ("LEPTOS_SITE_ADDR", "3000"),
            ("SHOP_TIME_ZONE", "Seoul"),
            ("TRUSTED_PROXIES", "10.0.0.0/33"),
            ("ADMIN_EMAIL", "not-an-email"),
        ] {
            // The admin's email is checked with a password beside it (alone it is refused for that).
            let password = ("ADMIN_PASSWORD", if key == "ADMIN_EMAIL" { "long-enough-1" } else { "" });
            let err = with(&[(key, bad), password]).unwrap_err();
            assert_eq!(err.variable, key, "{key}={bad}: {err}");
            assert!(err.to_string().starts_with(&format!("configuration: {key}: ")), "{err}");
        }
        assert!(with(&[("EXPIRY_WORKER_CONCURRENCY", "1000")]).unwrap_err().problem.contains("1 to 256"));
        for key in ["SIGN_UPS_PER_ADDRESS_PER_MINUTE", "ORDERS_PER_ADDRESS_PER_MINUTE", "ORDERS_PER_ACCOUNT_PER_MINUTE"]
        {
            for bad in ["many", "-1", "1.5", "2000000"] {
                assert_eq!(with(&[(key, bad)]).unwrap_err().variable, key, "{key}={bad}");
            }
        }
        assert_eq!(with(&[("ORDERS_PER_ACCOUNT_PER_MINUTE", "0")]).unwrap().orders.orders_per_account_per_minute, 0);
        assert_eq!(with(&[("EXPIRY_WORKER_CONCURRENCY", " 16 ")]).unwrap().queue.worker_concurrency, 16);
        assert_eq!(with(&[("ADMIN_EMAIL", "ops@shop.test")]).unwrap_err().variable, "ADMIN_PASSWORD");
    }

    #[test]
    fn run_migrations_no_does_not_migrate() {
        for off in ["0", "false", "no", "off", "NO"] {
            assert!(!with(&[("RUN_MIGRATIONS", off)]).unwrap().server.migrate, "{off}");
        }
    }

    #[test]
    fn settings_never_print_secrets() {
        let s = with(&[
            ("DATABASE_URL", "postgres://shop:hunter2@db/shop"),
            ("ADMIN_EMAIL", "ops@shop.test"),
            ("ADMIN_PASSWORD", "correct-horse-1"),
        ])
        .unwrap();
        let printed = format!("{s:?}");
        assert!(!printed.contains("hunter2") && !printed.contains("correct-horse"), "{printed}");
    }

    /// The README's configuration table lists exactly the variables these settings read.
    #[test]
    fn the_readme_lists_every_variable_and_no_other() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
        let table =
            readme.split("## Configuration").nth(1).expect("a Configuration section").split("\n## ").next().unwrap();
        let mut listed: Vec<&str> = Vec::new();
        for row in table.lines().filter(|l| l.starts_with("| `")) {
            let first = row.split('|').nth(1).unwrap_or_default();
            listed.extend(first.split('`').skip(1).step_by(2));
        }
        // The log filter is tracing's own variable, listed for operators.
        listed.retain(|v| *v != "RUST_LOG");
        let mut expected: Vec<&str> = VARIABLES.to_vec();
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected, "README.md's configuration table and settings::VARIABLES differ");
    }
}
