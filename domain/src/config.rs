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
        let db_max_connections = match get("DATABASE_MAX_CONNECTIONS") {
            None if embedded => 8,
            // Measured (README, Benchmarks): 10 beat 20 on a flash sale on 2 cores - fewer
            // transactions queue on the hot row's lock, the rest wait in the pool.
            None => 10,
            Some(v) => v
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| DomainError::validation("DATABASE_MAX_CONNECTIONS", "must be a number above 0"))?,
        };
        Ok(Self {
            database_url,
            redis_url: get("REDIS_URL"),
            payment_ttl: secs("ORDER_PAYMENT_TTL_SECS", 600)?,
            sweep_interval: secs("EXPIRY_SWEEP_INTERVAL_SECS", 30)?,
            seed_demo_data,
            db_max_connections,
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
}
