//! A realistic load: shoppers placing orders (with idempotency keys), paying some, cancelling
//! some and leaving the rest to expire - recording every order the shop accepted, so the suite
//! can check afterwards that none was lost.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::processes::ADMIN;

#[derive(Default)]
pub struct Tally {
    /// Every order id the shop answered 200/201 for.
    pub accepted: Mutex<Vec<i64>>,
    pub attempts: AtomicU64,
    /// Requests that got a 5xx, a timeout or no connection (expected while a fault lasts).
    pub failed: AtomicU64,
    pub paid: AtomicU64,
    pub cancelled: AtomicU64,
}

pub struct Load {
    pub tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// Signs in the admin and creates `count` products with plenty of stock.
pub async fn products(base: &str, count: usize) -> Vec<i64> {
    let admin = Client::builder().cookie_store(true).build().unwrap();
    let r =
        admin.post(format!("{base}/api/v1/session")).json(&json!({"email": ADMIN.0, "password": ADMIN.1})).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::OK);
    let mut ids = Vec::new();
    for i in 0..count {
        let r = admin
            .post(format!("{base}/api/v1/admin/products"))
            .json(&json!({"name": format!("Fault item {i}"), "price": 1_000 + i as i64 * 100, "stock": 100_000}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    ids
}

/// Signs up and in `count` shoppers; each gets its own cookie jar.
pub async fn shoppers(base: &str, count: usize) -> Vec<Client> {
    let mut clients = Vec::new();
    for i in 0..count {
        let c = Client::builder().cookie_store(true).timeout(Duration::from_secs(35)).build().unwrap();
        // Unique across calls: a scenario may sign up shoppers more than once.
        static SIGNED_UP: AtomicU64 = AtomicU64::new(0);
        let email = format!("load{i}-{}-{}@shop.test", std::process::id(), SIGNED_UP.fetch_add(1, Ordering::Relaxed));
        let body = json!({"email": email, "password": "password-123"});
        assert_eq!(
            c.post(format!("{base}/api/v1/users")).json(&body).send().await.unwrap().status(),
            StatusCode::CREATED
        );
        assert_eq!(c.post(format!("{base}/api/v1/session")).json(&body).send().await.unwrap().status(), StatusCode::OK);
        clients.push(c);
    }
    clients
}

impl Load {
    pub fn start(base: &str, clients: Vec<Client>, products: Vec<i64>) -> Self {
        let tally = Arc::new(Tally::default());
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = clients
            .into_iter()
            .enumerate()
            .map(|(n, c)| tokio::spawn(shopper(base.to_owned(), c, products.clone(), n, tally.clone(), stop.clone())))
            .collect();
        Self { tally, stop, tasks }
    }

    /// Stops the shoppers after their current request.
    pub async fn stop(self) -> Arc<Tally> {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.tasks {
            let _ = t.await;
        }
        self.tally
    }
}

async fn shopper(base: String, c: Client, products: Vec<i64>, n: usize, tally: Arc<Tally>, stop: Arc<AtomicBool>) {
    let mut round = 0_usize;
    while !stop.load(Ordering::SeqCst) {
        round += 1;
        let product = products[(n + round) % products.len()];
        let key = format!("load-{n}-{round}-{}", std::process::id());
        tally.attempts.fetch_add(1, Ordering::Relaxed);
        let placed = c
            .post(format!("{base}/api/v1/orders"))
            .header("Idempotency-Key", &key)
            .json(&json!({"items": [{"product_id": product, "quantity": 1 + round % 3}]}))
            .send()
            .await;
        let order = match placed {
            Ok(r) if r.status().is_success() => r.json::<Value>().await.ok().and_then(|v| v["id"].as_i64()),
            Ok(r) if r.status().is_server_error() => None,
            Ok(_) => None,
            Err(_) => None,
        };
        let Some(id) = order else {
            tally.failed.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        tally.accepted.lock().await.push(id);
        // Half are paid, a fifth cancelled, the rest left to expire.
        match round % 10 {
            0..=4 => {
                let r = c.post(format!("{base}/api/v1/orders/{id}/payment")).send().await;
                if r.is_ok_and(|r| r.status().is_success()) {
                    tally.paid.fetch_add(1, Ordering::Relaxed);
                }
            }
            5 | 6 => {
                let r = c.post(format!("{base}/api/v1/orders/{id}/cancel")).send().await;
                if r.is_ok_and(|r| r.status().is_success()) {
                    tally.cancelled.fetch_add(1, Ordering::Relaxed);
                }
            }
            _ => {}
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
