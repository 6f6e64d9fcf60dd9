//! Settings shared by the server and the worker, read once from the environment at start. The
//! defaults run the embedded mode with no variables set.
use std::time::Duration;

use crate::db::DEFAULT_DATABASE_URL;
use crate::error::DomainError;

#[derive(Clone)]
pub struct ShopConfig {
    pub database_url: String,
    /// `None`: no Redis; the embedded default.
    pub redis_url: Option<String>,
    pub payment_ttl: Duration,
    pub sweep_interval: Duration,
    pub seed_demo_data: bool,
    pub db_max_connections: u32,
    /// `DATABASE_WAIT_SECS` [60]: how long a process waits at start for its database.
    pub database_wait: Duration,
    /// `EXPIRY_HEARTBEAT_SECS` [5]: how often a worker proves to the queue that it is alive.
    pub expiry_heartbeat: Duration,
    /// `EXPIRY_WORKER_CONCURRENCY` [4]: expiry jobs a worker runs at once (1 to 256).
    pub worker_concurrency: usize,
    /// `PAYMENT_RECONCILE_AFTER_SECS` [120]: how old a payment left unsettled (its process died
    /// between the charge and the commit) must be before the worker's sweep finishes it. Keep it
    /// above the request timeout (30 s), so a payment still running is never second-guessed.
    pub payment_reconcile_after: Duration,
    /// `METRICS_ADDR` [unset: off]: where the server serves Prometheus text (`GET /metrics`).
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// `WORKER_METRICS_ADDR` [unset: off]: the same for the worker.
    pub worker_metrics_addr: Option<std::net::SocketAddr>,
}

impl std::fmt::Debug for ShopConfig {
    // URLs may carry passwords: print only their scheme.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = |u: &str| u.split(':').next().unwrap_or_default().to_owned();
        f.debug_struct("ShopConfig")
            .field("database", &scheme(&self.database_url))
            .field("redis", &self.redis_url.as_deref().map(scheme))
            .field("payment_ttl", &self.payment_ttl)
            .field("sweep_interval", &self.sweep_interval)
            .field("seed_demo_data", &self.seed_demo_data)
            .finish()
    }
}

impl ShopConfig {
    pub fn from_env() -> Result<Self, DomainError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, DomainError> {
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let embedded = database_url.starts_with("sqlite:");
        let secs = |key: &'static str, default: u64| -> Result<Duration, DomainError> {
            match get(key) {
                None => Ok(Duration::from_secs(default)),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Duration::from_secs)
                    .ok_or_else(|| DomainError::validation(key, "must be a whole number of seconds above 0")),
            }
        };
        let seed_demo_data = match get("SEED_DEMO_DATA") {
            None => embedded,
            Some(v) => matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on" | "yes"),
        };
        // Every whole-number setting is read the same way: absent is the default, anything but a
        // number in range is refused with the variable's name.
        let count = |key: &'static str, default: u64, max: u64| -> Result<u64, DomainError> {
            match get(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| DomainError::validation(key, format!("must be a whole number from 1 to {max}"))),
            }
        };
        let address = |key: &'static str| -> Result<Option<std::net::SocketAddr>, DomainError> {
            get(key)
                .map(|v| {
                    v.trim()
                        .parse()
                        .map_err(|_| DomainError::validation(key, "must be an address and port, like 127.0.0.1:9464"))
                })
                .transpose()
        };
        // Measured (README, Benchmarks): 10 beat 20 on a flash sale on 2 cores - fewer
        // transactions queue on the hot row's lock, the rest wait in the pool.
        let db_max_connections = count("DATABASE_MAX_CONNECTIONS", if embedded { 8 } else { 10 }, 1_000)? as u32;
        Ok(Self {
            database_url,
            redis_url: get("REDIS_URL"),
            payment_ttl: secs("ORDER_PAYMENT_TTL_SECS", 600)?,
            sweep_interval: secs("EXPIRY_SWEEP_INTERVAL_SECS", 30)?,
            seed_demo_data,
            db_max_connections,
            database_wait: secs("DATABASE_WAIT_SECS", 60)?,
            expiry_heartbeat: secs("EXPIRY_HEARTBEAT_SECS", 5)?,
            worker_concurrency: count("EXPIRY_WORKER_CONCURRENCY", 4, 256)? as usize,
            payment_reconcile_after: secs("PAYMENT_RECONCILE_AFTER_SECS", 120)?,
            metrics_addr: address("METRICS_ADDR")?,
            worker_metrics_addr: address("WORKER_METRICS_ADDR")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_run_the_embedded_shop() {
        let c = ShopConfig::from_lookup(|_| None).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert!(c.redis_url.is_none());
        assert_eq!(c.payment_ttl, Duration::from_secs(600));
        assert_eq!(c.sweep_interval, Duration::from_secs(30));
        assert!(c.seed_demo_data);
    }

    #[test]
    fn postgres_does_not_seed_unless_asked_and_bad_numbers_are_refused() {
        let c = ShopConfig::from_lookup(|k| (k == "DATABASE_URL").then(|| "postgres://db/shop".to_owned())).unwrap();
        assert!(!c.seed_demo_data);
        assert!(ShopConfig::from_lookup(|k| (k == "ORDER_PAYMENT_TTL_SECS").then(|| "soon".to_owned())).is_err());
    }

    #[test]
    fn every_number_setting_refuses_a_bad_value_by_name() {
        for key in [
            "ORDER_PAYMENT_TTL_SECS",
            "EXPIRY_SWEEP_INTERVAL_SECS",
            "DATABASE_MAX_CONNECTIONS",
            "DATABASE_WAIT_SECS",
            "EXPIRY_HEARTBEAT_SECS",
            "EXPIRY_WORKER_CONCURRENCY",
        ] {
            for bad in ["soon", "0", "-3", "1.5"] {
                let err = ShopConfig::from_lookup(|k| (k == key).then(|| bad.to_owned())).unwrap_err();
                assert!(matches!(err, DomainError::Validation { field, .. } if field == key), "{key}={bad}: {err:?}");
            }
        }
        let err =
            ShopConfig::from_lookup(|k| (k == "EXPIRY_WORKER_CONCURRENCY").then(|| "1000".to_owned())).unwrap_err();
        assert!(err.to_string().contains("1 to 256"), "{err}");
        let c = ShopConfig::from_lookup(|k| (k == "EXPIRY_WORKER_CONCURRENCY").then(|| " 16 ".to_owned())).unwrap();
        assert_eq!(c.worker_concurrency, 16);
    }
}
