//! The restore drill: while shoppers place orders, the database is backed up the documented way
//! (SQLite: `worker backup PATH`; PostgreSQL: `pg_dump -Fc`), restored into a fresh database
//! (a copied file; `pg_restore`), and the shop is started on it. Every order acknowledged before
//! the backup began is there, the shop answers, and `worker check` finds every invariant intact.
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use domain::on_both_databases;
use domain::testing::{Backend, TestDatabase};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::faults::checks::{Outcome, record};
use crate::faults::load::Tally;
use crate::faults::processes::binary;
use crate::harness::{Options, TestShop, body, serve};

/// Shoppers placing orders at once while the backup runs.
const SHOPPERS: usize = 6;

/// Runs a command to its end; panics with what it printed unless it succeeded.
fn run(mut c: Command, what: &str) -> String {
    let out = c.output().unwrap_or_else(|e| panic!("{what}: could not start: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// The worker binary on `url`, with `args`.
fn worker(url: &str, args: &[&str]) -> Command {
    let mut c = Command::new(binary("worker"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn");
    c
}

async fn a_backup_taken_under_load_restores_whole(backend: Backend) {
    let shop = TestShop::with_admin(backend).await;
    let admin = shop.admin().await;
    let product = body(
        admin
            .post(shop.api("/admin/products"))
            .json(&json!({"name": "Drill mug", "price": 9_000, "stock": 1_000_000}))
            .send()
            .await
            .unwrap(),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let mut shoppers = Vec::new();
    for n in 0..SHOPPERS {
        shoppers.push(shop.shopper(&format!("drill{n}@shop.test")).await);
    }

    // Each acknowledged order with the moment its 201 arrived.
    let acknowledged: Arc<Mutex<Vec<(i64, Instant)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = shoppers
        .into_iter()
        .map(|client| {
            let (acknowledged, stop, url) = (acknowledged.clone(), stop.clone(), shop.api("/orders"));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let r = client
                        .post(&url)
                        .json(&json!({"items": [{"product_id": product, "quantity": 1}]}))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), StatusCode::CREATED);
                    let id = body(r).await["id"].as_i64().unwrap();
                    acknowledged.lock().unwrap().push((id, Instant::now()));
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(700)).await;

    let saved = tempfile::tempdir().unwrap();
    let began = Instant::now();
    let backup = match backend {
        Backend::Sqlite => {
            let path = saved.path().join("shop-backup.db");
            let said = run(worker(&shop.db.url, &["backup", path.to_str().unwrap()]), "worker backup");
            assert!(said.contains("integrity check ok"), "{said}");
            path
        }
        Backend::Postgres => {
            let path = saved.path().join("shop.dump");
            let mut c = Command::new("pg_dump");
            c.args(["--format=custom", "--no-owner", "--file", path.to_str().unwrap(), &shop.db.url]);
            run(c, "pg_dump");
            path
        }
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let before: Vec<i64> = acknowledged.iter().filter(|(_, at)| *at < began).map(|(id, _)| *id).collect();
    assert!(before.len() >= SHOPPERS, "the load placed too few orders before the backup: {}", before.len());
    assert!(acknowledged.len() > before.len(), "no order was placed while the backup ran");

    // A fresh database, restored from the backup.
    let restored = TestDatabase::new(backend).await;
    match backend {
        Backend::Sqlite => {
            let file = domain::db::sqlite_file(&restored.url).unwrap();
            std::fs::copy(&backup, file).unwrap();
        }
        Backend::Postgres => {
            let mut c = Command::new("pg_restore");
            c.args(["--no-owner", "--exit-on-error", "--dbname", &restored.url, backup.to_str().unwrap()]);
            run(c, "pg_restore");
        }
    }

    // The shop starts on it and answers; the orders acknowledged before the backup are all there.
    let site = tempfile::tempdir().unwrap();
    let root = serve(&restored.url, site.path(), &Options::default()).await;
    let ready = reqwest::get(format!("{root}/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK, "the restored shop is not ready");
    let product_page = reqwest::get(format!("{root}/api/v1/products/{product}")).await.unwrap();
    assert_eq!(product_page.status(), StatusCode::OK);
    let db = domain::db::connect(&restored.url, 2).await.unwrap();
    let found: Vec<i64> = domain::entities::order::Entity::find()
        .filter(domain::entities::order::Column::Id.is_in(before.iter().copied()))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    let missing: Vec<&i64> = before.iter().filter(|id| !found.contains(id)).collect();

    let said = run(worker(&restored.url, &["check"]), "worker check on the restored database");
    let mut violations: Vec<String> = said.lines().filter(|l| l.starts_with("VIOLATION")).map(str::to_owned).collect();
    violations.extend(missing.iter().map(|id| format!("order {id}, acknowledged before the backup, is missing")));
    let tally = Tally::default();
    tally.attempts.store(acknowledged.len() as u64, Ordering::Relaxed);
    let (name, how) = match backend {
        Backend::Sqlite => ("SQLite", "`worker backup`, the file copied back"),
        Backend::Postgres => ("PostgreSQL", "`pg_dump`, `pg_restore` into a new database"),
    };
    record(
        &format!("Restore drill ({name}): backed up under load, restored, started"),
        &format!(
            "{how}; the shop starts on it and answers; every order acknowledged before the backup began is there; `worker check` finds no violation"
        ),
        1,
        &tally,
        &Outcome { accepted: before.len(), lost: missing.len(), violations: violations.clone() },
    );
    assert!(violations.is_empty(), "after the restore:\n{}", violations.join("\n"));
    assert!(said.contains("0 invariant violations"), "{said}");
    restored.drop_database().await;
    shop.db.drop_database().await;
}

/// `worker backup` never overwrites a file, and sends PostgreSQL's operators to `pg_dump`.
async fn a_backup_refuses_to_overwrite_and_postgres_is_pointed_to_pg_dump(backend: Backend) {
    let shop = TestShop::with_options(backend, Options::default()).await;
    let saved = tempfile::tempdir().unwrap();
    let taken = saved.path().join("taken.db");
    std::fs::write(&taken, b"an earlier backup").unwrap();
    let out = worker(&shop.db.url, &["backup", taken.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a backup overwrote a file or ran on PostgreSQL");
    match backend {
        Backend::Sqlite => assert!(text.contains("exists already"), "{text}"),
        Backend::Postgres => assert!(text.contains("pg_dump"), "{text}"),
    }
    assert_eq!(std::fs::read(&taken).unwrap(), b"an earlier backup");
    shop.db.drop_database().await;
}

on_both_databases!(
    a_backup_taken_under_load_restores_whole,
    a_backup_refuses_to_overwrite_and_postgres_is_pointed_to_pg_dump,
);
