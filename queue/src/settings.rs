//! Where the expiry jobs live and how workers prove they are alive, from the shop's settings.
use std::path::PathBuf;
use std::time::Duration;

use domain::settings::Settings;

/// Where the jobs live.
#[derive(Debug, Clone)]
pub enum QueueKind {
    Redis { url: String, namespace: String },
    Embedded { path: PathBuf },
}

#[derive(Debug, Clone)]
pub struct QueueSettings {
    pub kind: QueueKind,
    /// How often a worker proves it is alive; a worker silent for `heartbeat * missed_heartbeats`
    /// is dead and its in-flight jobs are handed to another worker.
    pub heartbeat: Duration,
    pub missed_heartbeats: usize,
}

impl QueueSettings {
    /// `REDIS_URL` picks Redis (namespaced by `REDIS_QUEUE_PREFIX`, default `shop`); otherwise
    /// `jobs.db` beside the shop's SQLite file (or under `data/` when the shop is on PostgreSQL).
    pub fn of(settings: &Settings) -> Self {
        let kind = match &settings.queue.redis_url {
            Some(url) => QueueKind::Redis { url: url.clone(), namespace: settings.queue.redis_prefix.clone() },
            None => QueueKind::Embedded { path: embedded_path(&settings.database.url) },
        };
        Self { kind, heartbeat: settings.queue.heartbeat, missed_heartbeats: 3 }
    }

    /// A queue whose dead worker is noticed within 2 s (1 s heartbeats, 2 missed): tests use it
    /// so a handed-over job does not wait out the production heartbeat.
    pub fn with_fast_heartbeat(kind: QueueKind) -> Self {
        Self { kind, heartbeat: Duration::from_secs(1), missed_heartbeats: 2 }
    }

    pub fn describe(&self) -> String {
        match &self.kind {
            QueueKind::Redis { namespace, .. } => format!("redis (queue {})", queue_name(namespace)),
            QueueKind::Embedded { path } => format!("embedded ({})", path.display()),
        }
    }
}

/// The Redis list the expiry jobs of `namespace` live in.
pub fn queue_name(namespace: &str) -> String {
    format!("{namespace}:expire-order")
}

fn embedded_path(database_url: &str) -> PathBuf {
    match domain::db::sqlite_file(database_url).and_then(|f| std::path::Path::new(f).parent()) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("jobs.db"),
        _ => PathBuf::from("data/jobs.db"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_queue_lives_beside_the_shop_database() {
        assert_eq!(embedded_path("sqlite://data/shop.db?mode=rwc"), PathBuf::from("data/jobs.db"));
        assert_eq!(embedded_path("sqlite:///tmp/x/shop.db"), PathBuf::from("/tmp/x/jobs.db"));
        assert_eq!(embedded_path("postgres://db/shop"), PathBuf::from("data/jobs.db"));
    }
}
