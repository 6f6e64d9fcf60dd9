//! The server's configuration: the shared shop settings plus what only the web server needs.
use std::net::SocketAddr;

use domain::config::ShopConfig;
use domain::types::{Email, Password};
use worker::queue::QueueSettings;

#[derive(Debug, Clone)]
pub struct Config {
    pub shop: ShopConfig,
    /// Where `ExpireOrder` jobs are enqueued.
    pub queue: QueueSettings,
    pub site_addr: SocketAddr,
    /// Where cargo-leptos put the compiled site (`pkg/` with the wasm, JS and CSS).
    pub site_root: String,
    pub output_name: String,
    /// Created or updated at start.
    pub admin: Option<(Email, Password)>,
    /// Run pending migrations at start (the one place that migrates, besides `cargo run -p migration`).
    pub migrate: bool,
    /// `COOKIE_SECURE`: mark the session cookie `Secure` (set it when clients reach the shop over
    /// HTTPS, e.g. behind a TLS-terminating proxy; off by default for plain-HTTP localhost).
    pub secure_cookies: bool,
    /// `SHOP_TIME_ZONE` (IANA name, default `Asia/Seoul`): the zone the pages show times in.
    pub time_zone: chrono_tz::Tz,
    /// `TRUSTED_PROXIES` (default none): the reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<crate::client_ip::Range>,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let shop = ShopConfig::from_env().map_err(|e| ConfigError(e.to_string()))?;
        let site_addr = get("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned())
            .parse()
            .map_err(|e| ConfigError(format!("LEPTOS_SITE_ADDR: {e}")))?;
        let admin = match (get("ADMIN_EMAIL"), get("ADMIN_PASSWORD")) {
            (Some(email), Some(password)) => Some((
                Email::parse(&email).map_err(|e| ConfigError(format!("ADMIN_EMAIL: {e}")))?,
                Password::parse(&password).map_err(|e| ConfigError(format!("ADMIN_PASSWORD: {e}")))?,
            )),
            (None, None) => None,
            _ => return Err(ConfigError("set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither".to_owned())),
        };
        let time_zone = get("SHOP_TIME_ZONE")
            .as_deref()
            .unwrap_or("Asia/Seoul")
            .trim()
            .parse::<chrono_tz::Tz>()
            .map_err(|_| ConfigError("SHOP_TIME_ZONE: not a time zone name (e.g. Asia/Seoul, UTC)".to_owned()))?;
        let trusted_proxies = crate::client_ip::parse_ranges(&get("TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|e| ConfigError(format!("invalid TRUSTED_PROXIES: {e}")))?;
        Ok(Self {
            trusted_proxies,
            time_zone,
            queue: QueueSettings::from_env(&shop),
            shop,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            output_name: get("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "shop".to_owned()),
            admin,
            migrate: get("RUN_MIGRATIONS").is_none_or(|v| v != "0" && v != "false"),
            secure_cookies: get("COOKIE_SECURE")
                .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on" | "yes")),
        })
    }
}
