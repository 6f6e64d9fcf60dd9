//! `/healthz` (the process is up) and `/readyz` (the database and the queue answer).
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = tokio::time::timeout(Duration::from_secs(2), state.facade.db().ping()).await;
    let database_ok = matches!(database, Ok(Ok(())));
    let queue_ok = match &state.redis_addr {
        // The embedded queue is a SQLite file (`jobs.db`) beside the shop's own database, on the
        // same disk: the database answering stands for it.
        None => database_ok,
        Some(addr) => redis_ping(addr).await,
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    let status = if database_ok && queue_ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(json!({ "database": word(database_ok), "queue": word(queue_ok) })))
}

/// A bare RESP `PING`, so readiness needs no Redis client.
async fn redis_ping(addr: &str) -> bool {
    let attempt = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
        stream.write_all(b"PING\r\n").await.ok()?;
        let mut buf = [0u8; 64];
        let n = stream.read(&mut buf).await.ok()?;
        // "+PONG", or "-NOAUTH" from a server that wants a password: either way it answers.
        Some(n > 0 && (buf.starts_with(b"+PONG") || buf.starts_with(b"-NOAUTH")))
    };
    matches!(tokio::time::timeout(Duration::from_secs(2), attempt).await, Ok(Some(true)))
}

/// `redis://[user:pass@]host[:port][/db]` -> `host:port`.
pub fn redis_addr(url: &str) -> Option<String> {
    let rest = url.strip_prefix("redis://")?;
    let authority = rest.split('/').next()?;
    let host_port = authority.rsplit('@').next()?;
    if host_port.is_empty() {
        return None;
    }
    Some(if host_port.contains(':') { host_port.to_owned() } else { format!("{host_port}:6379") })
}

#[cfg(test)]
mod tests {
    #[test]
    fn redis_urls_give_their_address() {
        assert_eq!(super::redis_addr("redis://127.0.0.1:6379").as_deref(), Some("127.0.0.1:6379"));
        assert_eq!(super::redis_addr("redis://:secret@cache/2").as_deref(), Some("cache:6379"));
        assert_eq!(super::redis_addr("http://x"), None);
    }
}
