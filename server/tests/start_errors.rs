//! How the real binaries start and fail to start: a database that is not there yet is waited for
//! (one readable line per attempt), then refused with one readable line and a non-zero exit; a
//! bad setting is refused by its name.
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn binary(name: &str) -> std::path::PathBuf {
    let server = std::path::PathBuf::from(env!("CARGO_BIN_EXE_server"));
    if name == "server" { server } else { server.with_file_name(name) }
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn run(name: &str, env: &[(&str, String)]) -> (bool, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::new(binary(name));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let started = Instant::now();
    let out = c.output().expect("run the binary");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text, started.elapsed())
}

#[test]
fn a_database_that_never_comes_is_waited_for_then_refused_readably() {
    let port = closed_port();
    for name in ["server", "worker"] {
        let (ok, text, took) = run(
            name,
            &[
                ("DATABASE_URL", format!("postgres://shop@127.0.0.1:{port}/shop")),
                ("DATABASE_WAIT_SECS", "3".to_owned()),
            ],
        );
        assert!(!ok, "{name} started without a database:\n{text}");
        assert!(took < Duration::from_secs(20), "{name} waited {took:?} for a 3 s budget");
        let waiting = format!("waiting for PostgreSQL at 127.0.0.1:{port}: connection refused");
        assert!(text.matches(&waiting).count() >= 2, "{name}: no line per attempt:\n{text}");
        let last = text.lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!("{name}: PostgreSQL at 127.0.0.1:{port} was not reachable within 3s: connection refused"),
            "{name}'s last line"
        );
        assert!(!text.contains("SqlxError") && !text.contains("PoolTimedOut"), "{name} printed internals:\n{text}");
    }
}

#[test]
fn a_bad_setting_is_refused_by_its_name() {
    for (name, key) in
        [("server", "EXPIRY_WORKER_CONCURRENCY"), ("worker", "EXPIRY_HEARTBEAT_SECS"), ("worker", "DATABASE_WAIT_SECS")]
    {
        let (ok, text, _) = run(name, &[(key, "lots".to_owned())]);
        assert!(!ok, "{name} started with {key}=lots");
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with(&format!("{name}: configuration: {key}: must be ")), "{name}: {last}");
    }
}
