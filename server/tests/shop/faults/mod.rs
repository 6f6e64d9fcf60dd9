//! Fault injection with the real `server` and `worker` binaries, PostgreSQL and a private Redis,
//! while shoppers place, pay and cancel orders. After each fault the invariants of `docs/domain.md` must
//! hold and no accepted order may be lost. Each scenario writes its row of RELIABILITY.md
//! (`scripts/reliability-report.py`). `FAULT_LOAD_SECS` lengthens the load (`make soak`).
pub mod checks;
pub mod load;
pub mod processes;

use std::time::{Duration, Instant};

use checks::{assert_clean, record, verify};
use domain::entities::order_event;
use domain::status::OrderStatus;
use load::{Load, products, shoppers};
use processes::Shop;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn load_time() -> Duration {
    let secs = std::env::var("FAULT_LOAD_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    Duration::from_secs(secs)
}

/// Three products and eight shoppers placing, paying and cancelling against the running server.
async fn shop_load(shop: &Shop) -> Load {
    let base = shop.base();
    let items = products(&base, 3).await;
    Load::start(&base, shoppers(&base, 8).await, items)
}

async fn accepted(load: &Load) -> usize {
    load.tally.accepted.lock().await.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_stopped_while_placing_then_started() {
    let mut shop = Shop::new().await;
    let _server = shop.server();
    let _worker = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time()).await;
    shop.redis.stop();
    let before = accepted(&load).await;
    tokio::time::sleep(load_time()).await;
    let during = accepted(&load).await - before;
    shop.redis.resume();
    tokio::time::sleep(load_time()).await;
    let tally = load.stop().await;
    let mut outcome = verify(&shop, &tally).await;
    if during == 0 {
        outcome.violations.push("no order was accepted while Redis was down".to_owned());
    }
    let db = domain::db::connect(&shop.db.url, 1).await.unwrap();
    let failed_enqueues = order_event::Entity::find()
        .filter(order_event::Column::Kind.eq("expiry_enqueue_failed"))
        .count(&db)
        .await
        .unwrap();
    if failed_enqueues == 0 {
        outcome.violations.push("no expiry_enqueue_failed event was recorded while Redis was down".to_owned());
    }
    record(
        "Redis stopped while placing, then started",
        "placing kept working; enqueue failures recorded as events; every unpaid order expired by the sweep",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn worker_killed_mid_expiry_then_restarted() {
    let shop = Shop::new().await;
    let _server = shop.server();
    let mut worker = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time() + Duration::from_secs(processes::TTL_SECS)).await;
    // Orders are expiring now: kill the worker without warning, twice.
    worker.kill();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut worker = shop.worker();
    tokio::time::sleep(Duration::from_secs(1)).await;
    worker.kill();
    let _worker = shop.worker();
    tokio::time::sleep(load_time()).await;
    let tally = load.stop().await;
    let outcome = verify(&shop, &tally).await;
    record(
        "Worker killed (SIGKILL) mid-expiry, restarted",
        "every due order cancelled exactly once; stock and coupons restored exactly once",
        2,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_down_under_load_then_back() {
    let shop = Shop::new().await;
    let mut server = shop.server();
    let _worker = shop.worker();
    let base = shop.base();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time()).await;
    shop.database_down().await;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(40)).build().unwrap();
    let mut violations = Vec::new();
    // While it is down: /readyz says so, and requests get a clean answer within the timeout.
    let ready = client.get(format!("{base}/readyz")).send().await.unwrap();
    if ready.status() != reqwest::StatusCode::SERVICE_UNAVAILABLE {
        violations.push(format!("/readyz answered {} while the database was down", ready.status()));
    }
    let started = Instant::now();
    let r = client.get(format!("{base}/api/v1/products")).send().await;
    let took = started.elapsed();
    match r {
        Ok(r) if r.status().is_server_error() || r.status() == reqwest::StatusCode::REQUEST_TIMEOUT => {
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            if body["message"] != "internal error" && body["code"] != "internal" {
                violations.push(format!("the error while down was not the generic one: {body}"));
            }
        }
        Ok(r) => violations.push(format!("a catalog request answered {} while the database was down", r.status())),
        Err(e) => violations.push(format!("a request failed without an answer while the database was down: {e}")),
    }
    if took > Duration::from_secs(31) {
        violations.push(format!("a request hung {took:?} while the database was down"));
    }
    tokio::time::sleep(load_time()).await;
    shop.database_back().await;
    let back = Instant::now();
    loop {
        let r = client.get(format!("{base}/readyz")).send().await;
        if r.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        if back.elapsed() > Duration::from_secs(30) {
            violations.push("the server did not become ready within 30 s of the database".to_owned());
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let before = accepted(&load).await;
    tokio::time::sleep(load_time()).await;
    if accepted(&load).await == before {
        violations.push("no order was accepted after the database came back".to_owned());
    }
    if !server.is_running() {
        violations.push("the server process died".to_owned());
    }
    let tally = load.stop().await;
    let mut outcome = verify(&shop, &tally).await;
    outcome.violations.extend(violations);
    record(
        "PostgreSQL connections cut and refused under load, then back",
        "/readyz 503 while down; clean 5xx within the timeout, no panic; recovers by itself; no committed order lost",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn server_killed_mid_load_then_restarted() {
    let shop = Shop::new().await;
    let mut server = shop.server();
    let _worker = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time()).await;
    server.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _server = shop.server();
    let before = accepted(&load).await;
    tokio::time::sleep(load_time()).await;
    let mut violations = Vec::new();
    if accepted(&load).await == before {
        violations.push("no order was accepted after the restart".to_owned());
    }
    let tally = load.stop().await;
    let mut outcome = verify(&shop, &tally).await;
    outcome.violations.extend(violations);
    record(
        "Server killed (SIGKILL) mid-load, restarted",
        "no partial order (stock or coupon taken without an order); sessions survive; placing resumes",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_lets_server_and_worker_finish() {
    let shop = Shop::new().await;
    let mut server = shop.server();
    let mut worker = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time() + Duration::from_secs(processes::TTL_SECS)).await;
    let (server_ok, server_took) = server.terminate();
    let (worker_ok, worker_took) = worker.terminate();
    let mut violations = Vec::new();
    if !server_ok {
        violations.push(format!("the server did not exit cleanly on SIGTERM (after {server_took:?})"));
    }
    if !worker_ok {
        violations.push(format!("the worker did not exit cleanly on SIGTERM (after {worker_took:?})"));
    }
    // Back up, so the orders left pending still expire.
    let _server = shop.server();
    let _worker = shop.worker();
    let tally = load.stop().await;
    let mut outcome = verify(&shop, &tally).await;
    outcome.violations.extend(violations);
    record(
        "Graceful shutdown (SIGTERM) of server and worker",
        "both exit 0; requests and jobs in flight finish; nothing half-done",
        2,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_run_the_same_jobs_and_sweeps() {
    let shop = Shop::new().await;
    let _server = shop.server();
    let _first = shop.worker();
    let _second = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time() * 2 + Duration::from_secs(processes::TTL_SECS)).await;
    let tally = load.stop().await;
    let outcome = verify(&shop, &tally).await;
    record(
        "Two workers consuming the same queue and sweeping at once",
        "no order cancelled twice; stock and coupons restored once",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicate_and_stale_expiry_jobs_change_nothing() {
    use domain::entities::order;
    use domain::expiry_hook::ExpiryScheduler;
    let shop = Shop::new().await;
    let _server = shop.server();
    let _worker = shop.worker();
    let load = shop_load(&shop).await;
    tokio::time::sleep(load_time()).await;
    let tally = load.stop().await;
    // Every accepted order gets its expiry job delivered again, due now - the paid and the
    // cancelled ones included.
    let settings = queue::QueueSettings {
        kind: queue::QueueKind::Redis { url: shop.redis.url(), namespace: shop.prefix.clone() },
        heartbeat: Duration::from_secs(1),
        missed_heartbeats: 3,
    };
    let scheduler = queue::QueueScheduler::new(settings);
    let accepted = tally.accepted.lock().await.clone();
    for id in &accepted {
        scheduler.order_placed(*id, chrono::Utc::now()).await;
    }
    let db = domain::db::connect(&shop.db.url, 1).await.unwrap();
    let paid_before =
        order::Entity::find().filter(order::Column::Status.eq(OrderStatus::Paid)).count(&db).await.unwrap();
    tokio::time::sleep(Duration::from_secs(processes::TTL_SECS + 3)).await;
    let mut outcome = verify(&shop, &tally).await;
    let paid_after =
        order::Entity::find().filter(order::Column::Status.eq(OrderStatus::Paid)).count(&db).await.unwrap();
    if paid_after != paid_before {
        outcome.violations.push(format!("paid orders went from {paid_before} to {paid_after}"));
    }
    record(
        "The same expiry job delivered twice; jobs for paid and cancelled orders",
        "paid orders stay paid; no order cancelled twice; nothing restored twice",
        accepted.len() as u32,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

/// Three servers and two workers started at the same moment on a new database, five times over:
/// one server migrates under the start lock, the others wait for it, the workers wait for the
/// schema; every process comes up and the servers serve.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_and_workers_started_at_once_on_an_empty_database_all_come_up() {
    use migration::MigratorTrait;
    use sea_orm::ConnectionTrait;
    use std::sync::atomic::Ordering;
    const ROUNDS: u32 = 5;
    let mut violations = Vec::new();
    let total = load::Tally::default();
    let mut lost = 0;
    for round in 1..=ROUNDS {
        let shop = Shop::new().await;
        let ports: Vec<u16> = (0..3).map(|_| processes::free_port()).collect();
        let mut procs: Vec<processes::Proc> = ports.iter().map(|p| shop.spawn("server", *p)).collect();
        procs.push(shop.spawn("worker", 0));
        procs.push(shop.spawn("worker", 0));
        let deadline = Instant::now() + Duration::from_secs(60);
        for port in &ports {
            let url = format!("http://127.0.0.1:{port}/readyz");
            loop {
                if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                if Instant::now() > deadline {
                    violations.push(format!("round {round}: the server on {port} did not become ready"));
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        // Serving, not just listening: shoppers order through one of the servers for a moment,
        // then the usual checks (invariants, nothing lost, pending orders expired by the workers).
        let base = format!("http://127.0.0.1:{}", ports[round as usize % ports.len()]);
        let load = Load::start(&base, shoppers(&base, 4).await, products(&base, 2).await);
        tokio::time::sleep(Duration::from_secs(1)).await;
        let tally = load.stop().await;
        let outcome = verify(&shop, &tally).await;
        violations.extend(outcome.violations.iter().map(|v| format!("round {round}: {v}")));
        total.accepted.lock().await.extend(tally.accepted.lock().await.iter().copied());
        for (sum, part) in [
            (&total.attempts, &tally.attempts),
            (&total.paid, &tally.paid),
            (&total.cancelled, &tally.cancelled),
            (&total.failed, &tally.failed),
        ] {
            sum.fetch_add(part.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        lost += outcome.lost;
        for (i, p) in procs.iter_mut().enumerate() {
            if !p.is_running() {
                let what = if i < 3 { "server" } else { "worker" };
                violations.push(format!("round {round}: a {what} exited"));
            }
        }
        let db = domain::db::connect(&shop.db.url, 1).await.unwrap();
        let applied = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n, COUNT(DISTINCT version) AS d FROM seaql_migrations",
            ))
            .await
            .unwrap()
            .map(|r| (r.try_get::<i64>("", "n").unwrap(), r.try_get::<i64>("", "d").unwrap()));
        let expected = migration::Migrator::migrations().len() as i64;
        if applied != Some((expected, expected)) {
            violations.push(format!("round {round}: migrations recorded {applied:?}, expected {expected} once each"));
        }
        db.close().await.ok();
        drop(procs);
        shop.cleanup().await;
    }
    let accepted = total.accepted.lock().await.len();
    let outcome = checks::Outcome { accepted, lost, violations };
    record(
        "Three servers and two workers started at once on an empty database, 5 rounds",
        "all 25 processes come up and stay up; the schema is migrated once; each round's servers take orders and the workers expire them",
        ROUNDS,
        &total,
        &outcome,
    );
    assert_clean(&outcome);
}

/// One shopper of `shop`'s running server, with one order of `product` placed.
async fn shopper_with_order(shop: &Shop, product: i64) -> (reqwest::Client, i64) {
    let base = shop.base();
    let client = shoppers(&base, 1).await.remove(0);
    let placed = client
        .post(format!("{base}/api/v1/orders"))
        .header("Idempotency-Key", format!("pay-fault-{}", processes::free_port()))
        .json(&serde_json::json!({"items": [{"product_id": product, "quantity": 2}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(placed.status(), reqwest::StatusCode::CREATED);
    (client, placed.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap())
}

/// Waits (at most 20 s) until the order has `status` in the database; the status it ended with.
async fn order_status_becomes(shop: &Shop, order_id: i64, status: OrderStatus) -> OrderStatus {
    let db = domain::db::connect(&shop.db.url, 1).await.expect("connect");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = domain::entities::order::Entity::find_by_id(order_id).one(&db).await.unwrap().unwrap().status;
        if now == status || Instant::now() > deadline {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn charges_of(shop: &Shop, order_id: i64) -> Vec<domain::entities::test_gateway_charge::Model> {
    use domain::entities::test_gateway_charge as charge;
    let db = domain::db::connect(&shop.db.url, 1).await.expect("connect");
    charge::Entity::find().filter(charge::Column::OrderId.eq(order_id)).all(&db).await.unwrap()
}

/// Long enough that the reconciler pays the order rather than refunding it.
const PAYMENT_WINDOW: (&str, &str) = ("ORDER_PAYMENT_TTL_SECS", "60");

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn database_cut_right_after_a_charge() {
    let shop = Shop::new().await;
    let marker = tempfile::tempdir().unwrap();
    let held = marker.path().join("charged");
    let hold = format!("hold:{}", held.display());
    let _server = shop.server_with(&[("TEST_GATEWAY_AFTER_CHARGE", hold.as_str()), PAYMENT_WINDOW]);
    let _worker = shop.worker();
    let product = products(&shop.base(), 1).await[0];
    let (client, order_id) = shopper_with_order(&shop, product).await;
    let pay = tokio::spawn({
        let url = format!("{}/api/v1/orders/{order_id}/payment", shop.base());
        async move { client.post(url).send().await }
    });
    // The gateway has charged and holds before the order is marked paid: cut the database there.
    processes::wait_until("the charge", Duration::from_secs(15), || held.exists());
    shop.database_down().await;
    std::fs::remove_file(&held).unwrap();
    let answer = pay.await.unwrap().expect("the server answers");
    let status = answer.status();
    let body: serde_json::Value = answer.json().await.unwrap_or_default();
    shop.database_back().await;
    let mut violations = Vec::new();
    if status != reqwest::StatusCode::INTERNAL_SERVER_ERROR || body["code"] != "internal" {
        violations.push(format!("the cut payment answered {status} {body}, not 500 internal"));
    }
    // The worker's reconciler finds the charge and pays the order, which is still in its window.
    let ended = order_status_becomes(&shop, order_id, OrderStatus::Paid).await;
    if ended != OrderStatus::Paid {
        violations.push(format!("order {order_id} ended {ended}, not paid by the reconciler"));
    }
    let charges = charges_of(&shop, order_id).await;
    if charges.len() != 1 || charges[0].refunded_at.is_some() {
        violations.push(format!("order {order_id}: charges {charges:?}, expected one kept"));
    }
    let tally = load::Tally::default();
    tally.accepted.lock().await.push(order_id);
    tally.attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    tally.failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    tally.paid.fetch_add(u64::from(ended == OrderStatus::Paid), std::sync::atomic::Ordering::Relaxed);
    let mut outcome = verify(&shop, &tally).await;
    outcome.violations.extend(violations);
    record(
        "Database cut right after the gateway charged",
        "the shopper gets 500 internal, nothing charged twice; the worker's reconciler pays the order (in its window); every charge belongs to a paid order or was refunded",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn server_killed_right_after_a_charge_then_payment_retried() {
    let shop = Shop::new().await;
    let mut dying = shop.server_with(&[("TEST_GATEWAY_AFTER_CHARGE", "abort"), PAYMENT_WINDOW]);
    let product = products(&shop.base(), 1).await[0];
    let (client, order_id) = shopper_with_order(&shop, product).await;
    let pay_url = format!("{}/api/v1/orders/{order_id}/payment", shop.base());
    let mut violations = Vec::new();
    if client.post(&pay_url).send().await.is_ok() {
        violations.push("the payment was answered by a server that should have died".to_owned());
    }
    if !dying.exits_within(Duration::from_secs(10)) {
        violations.push("the server did not die after the charge".to_owned());
    }
    // Back up without the hook; the shopper saw no answer and pays again (the worker is not
    // running yet, so this is the retry, not the reconciler, meeting the charge).
    let _server = shop.server_with(&[PAYMENT_WINDOW]);
    let retried = client.post(&pay_url).send().await.unwrap();
    if retried.status() != reqwest::StatusCode::OK {
        violations.push(format!("the retried payment answered {}", retried.status()));
    }
    // Eight tries at once on a second order: one charge, every try answered paid or not payable.
    let (client2, second) = shopper_with_order(&shop, product).await;
    let tries: Vec<_> = (0..8)
        .map(|_| {
            let c = client2.clone();
            let url = format!("{}/api/v1/orders/{second}/payment", shop.base());
            tokio::spawn(async move { c.post(url).send().await.map(|r| r.status()) })
        })
        .collect();
    let mut paid = 0;
    for t in tries {
        match t.await.unwrap() {
            Ok(reqwest::StatusCode::OK) => paid += 1,
            Ok(reqwest::StatusCode::CONFLICT) => {}
            other => violations.push(format!("a concurrent payment answered {other:?}")),
        }
    }
    let second_charges = charges_of(&shop, second).await;
    if paid == 0 || second_charges.len() != 1 {
        violations.push(format!("order {second}: {paid} tries paid, charges {second_charges:?}"));
    }
    // The dead server's attempt is left `charging`; the worker closes it as paid by that charge.
    let _worker = shop.worker();
    let ended = order_status_becomes(&shop, order_id, OrderStatus::Paid).await;
    if ended != OrderStatus::Paid {
        violations.push(format!("order {order_id} ended {ended}"));
    }
    let charges = charges_of(&shop, order_id).await;
    if charges.len() != 1 || charges[0].refunded_at.is_some() {
        violations.push(format!("order {order_id}: charges {charges:?}, expected one kept"));
    }
    let tally = load::Tally::default();
    tally.accepted.lock().await.extend([order_id, second]);
    tally.attempts.fetch_add(10, std::sync::atomic::Ordering::Relaxed);
    tally.paid.fetch_add(2, std::sync::atomic::Ordering::Relaxed);
    let mut outcome = verify(&shop, &tally).await;
    outcome.violations.extend(violations);
    record(
        "Server killed right after the gateway charged, payment retried",
        "the retry gets the same charge (idempotency key), not a second one; the order ends paid; the dead server's attempt is closed by the reconciler",
        1,
        &tally,
        &outcome,
    );
    assert_clean(&outcome);
    shop.cleanup().await;
}
