//! The expiry worker against real Redis (a namespace per test), the embedded queue, real
//! PostgreSQL and SQLite. Payment TTL of 1 s.
use std::sync::Arc;
use std::time::Duration;

use domain::coupons::CouponKind;
use domain::entities::order_event;
use domain::status::{CancelReason, CouponStatus, EventKind, OrderStatus};
use domain::testing::{Backend, Fixture, order, unique};
use domain::{OrderFacade, PlaceOrder};
use queue::{QueueKind, QueueScheduler, QueueSettings};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use worker::Counters;
use worker::runner::WorkerSettings;

const TTL: Duration = Duration::from_secs(1);
const REDIS_URL: &str = "redis://127.0.0.1:6379";

fn redis_queue() -> QueueSettings {
    let namespace = format!("shop-test-{}-{}", std::process::id(), unique());
    QueueSettings::with_fast_heartbeat(QueueKind::Redis { url: REDIS_URL.to_owned(), namespace })
}

fn embedded_queue(dir: &std::path::Path) -> QueueSettings {
    QueueSettings::with_fast_heartbeat(QueueKind::Embedded { path: dir.join("jobs.db") })
}

/// A facade with a 1 s payment TTL that enqueues on `queue`.
fn placing_facade(fx: &Fixture, queue: &QueueSettings) -> OrderFacade {
    OrderFacade::new(fx.db.clone(), TTL).with_scheduler(Arc::new(QueueScheduler::new(queue.clone())))
}

struct RunningWorker {
    counters: Arc<Counters>,
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<()>,
}

impl RunningWorker {
    /// A worker process's work, in this process: the consumer plus a sweep every `sweep`.
    fn start(fx: &Fixture, queue: &QueueSettings, sweep: Duration) -> Self {
        let _ = tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).try_init();
        let counters = Arc::new(Counters::default());
        let (tx, rx) = oneshot::channel::<()>();
        let settings = WorkerSettings {
            queue: queue.clone(),
            concurrency: 4,
            sweep_interval: sweep,
            poll_interval: Duration::from_millis(200),
        };
        let facade = OrderFacade::new(fx.db.clone(), TTL);
        let c = counters.clone();
        let handle = tokio::spawn(async move {
            worker::runner::run(facade, settings, c, async {
                let _ = rx.await;
            })
            .await
            .expect("the worker runs");
        });
        Self { counters, stop: Some(tx), handle }
    }

    async fn stop(mut self) -> Arc<Counters> {
        let _ = self.stop.take().expect("running").send(());
        tokio::time::timeout(Duration::from_secs(20), self.handle).await.expect("the worker stops").unwrap();
        self.counters
    }

    /// Drops the worker mid-work, as a SIGKILL would: nothing gets to finish or clean up.
    fn kill(self) {
        self.handle.abort();
    }
}

const NO_SWEEP: Duration = Duration::from_secs(3600);

async fn wait_for(what: &str, timeout: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + timeout;
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn events(fx: &Fixture, order_id: i64) -> Vec<EventKind> {
    order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(order_id))
        .all(&fx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

async fn status(fx: &Fixture, user: domain::types::UserId, order_id: i64) -> OrderStatus {
    fx.facade.orders().order_for(user, order_id).await.unwrap().status
}

async fn cleanup_redis(queue: &QueueSettings) {
    if let QueueKind::Redis { namespace, .. } = &queue.kind {
        let client = redis::Client::open(REDIS_URL).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.expect("Redis at 127.0.0.1:6379 is required");
        let keys: Vec<String> = redis::cmd("KEYS").arg(format!("*{namespace}*")).query_async(&mut conn).await.unwrap();
        if !keys.is_empty() {
            let _: () = redis::cmd("DEL").arg(keys).query_async(&mut conn).await.unwrap();
        }
    }
}

async fn job_expires_the_order_after_its_deadline(fx: Fixture, queue: QueueSettings) {
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let placing = placing_facade(&fx, &queue);
    let running = RunningWorker::start(&fx, &queue, NO_SWEEP);
    let o = placing.orders().place_order(user, order(&[(p, 2)], Some(c))).await.unwrap().order;
    assert_eq!(fx.stock(p).await, 3);
    let timeline = order_event::Entity::find().filter(order_event::Column::OrderId.eq(o.id)).all(&fx.db).await.unwrap();
    assert!(timeline.iter().any(|e| e.kind == EventKind::ExpiryScheduled), "{timeline:?}");

    wait_for("the job to expire the order", Duration::from_secs(15), async || {
        status(&fx, user, o.id).await == OrderStatus::Cancelled
    })
    .await;
    let counters = running.stop().await;
    assert_eq!(Counters::get(&counters.expired_by_job), 1);
    assert_eq!(Counters::get(&counters.expired_by_sweep), 0);
    let expired = fx.facade.orders().order_for(user, o.id).await.unwrap();
    assert_eq!(expired.cancel_reason, Some(CancelReason::Expired));
    assert!(expired.cancelled_at.unwrap() >= o.expires_at, "expired before its deadline");
    assert_eq!(fx.stock(p).await, 5);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Available, None));
    let timeline = events(&fx, o.id).await;
    use EventKind as K;
    for kind in [K::Placed, K::CouponReserved, K::ExpiryScheduled, K::Cancelled, K::StockRestored, K::CouponReleased] {
        assert!(timeline.contains(&kind), "{kind} missing from {timeline:?}");
    }
    fx.assert_invariants().await;
    cleanup_redis(&queue).await;
    fx.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_job_expires_the_order_after_its_deadline_on_postgres() {
    let fx = Fixture::new(Backend::Postgres).await;
    job_expires_the_order_after_its_deadline(fx, redis_queue()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn embedded_queue_job_expires_the_order_after_its_deadline_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let fx = Fixture::new(Backend::Sqlite).await;
    job_expires_the_order_after_its_deadline(fx, embedded_queue(dir.path())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn job_for_an_order_paid_before_its_deadline_changes_nothing() {
    let fx = Fixture::new(Backend::Postgres).await;
    let queue = redis_queue();
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let placing = placing_facade(&fx, &queue);
    let running = RunningWorker::start(&fx, &queue, NO_SWEEP);
    let o = placing.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    placing.orders().pay(user, o.id, None).await.unwrap();
    let counters = running.counters.clone();
    wait_for("the job to run", Duration::from_secs(15), async || Counters::get(&counters.jobs_handled) >= 1).await;
    running.stop().await;
    assert_eq!(status(&fx, user, o.id).await, OrderStatus::Paid);
    assert_eq!(fx.stock(p).await, 4);
    assert_eq!(Counters::get(&counters.expired_by_job), 0);
    fx.assert_invariants().await;
    cleanup_redis(&queue).await;
    fx.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_down_at_placing_still_places_and_the_sweep_expires_the_order() {
    let fx = Fixture::new(Backend::Sqlite).await;
    let closed = QueueSettings::with_fast_heartbeat(QueueKind::Redis {
        url: "redis://127.0.0.1:1".to_owned(),
        namespace: "unreachable".to_owned(),
    });
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let scheduler = Arc::new(QueueScheduler::new(closed));
    let placing = OrderFacade::new(fx.db.clone(), TTL).with_scheduler(scheduler.clone());
    let o =
        placing.orders().place_order(user, order(&[(p, 2)], None)).await.expect("placing works without Redis").order;
    let timeline = events(&fx, o.id).await;
    assert!(timeline.contains(&EventKind::ExpiryEnqueueFailed), "{timeline:?}");
    assert!(!timeline.contains(&EventKind::ExpiryScheduled));
    assert_eq!(scheduler.enqueue_failures.load(std::sync::atomic::Ordering::Relaxed), 1);

    // A worker whose queue is also unreachable still sweeps.
    let dir = tempfile::tempdir().unwrap();
    let running = RunningWorker::start(&fx, &embedded_queue(dir.path()), Duration::from_millis(300));
    wait_for("the sweep to expire the order", Duration::from_secs(15), async || {
        status(&fx, user, o.id).await == OrderStatus::Cancelled
    })
    .await;
    let counters = running.stop().await;
    assert_eq!(Counters::get(&counters.expired_by_sweep), 1);
    assert_eq!(fx.stock(p).await, 5);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_job_enqueued_three_times_with_two_workers_cancels_once() {
    let fx = Fixture::new(Backend::Postgres).await;
    let queue = redis_queue();
    let user = fx.user().await;
    let p = fx.product(10_000, 50).await;
    let c = fx.coupon_for(user, CouponKind::Percent, 10, None, None).await;
    let scheduler = QueueScheduler::new(queue.clone());
    let placing = OrderFacade::new(fx.db.clone(), TTL);
    let o = placing.orders().place_order(user, order(&[(p, 3)], Some(c))).await.unwrap().order;
    for _ in 0..3 {
        scheduler.schedule(o.id, o.expires_at).await.unwrap();
    }
    let a = RunningWorker::start(&fx, &queue, Duration::from_millis(500));
    let b = RunningWorker::start(&fx, &queue, Duration::from_millis(500));
    wait_for("the order to expire", Duration::from_secs(15), async || {
        status(&fx, user, o.id).await == OrderStatus::Cancelled
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (a, b) = (a.stop().await, b.stop().await);
    let expirations =
        [&a, &b].iter().map(|c| Counters::get(&c.expired_by_job) + Counters::get(&c.expired_by_sweep)).sum::<u64>();
    assert_eq!(expirations, 1);
    let cancelled = events(&fx, o.id).await.iter().filter(|k| **k == EventKind::Cancelled).count();
    assert_eq!(cancelled, 1);
    assert_eq!(fx.stock(p).await, 50);
    fx.assert_invariants().await;
    cleanup_redis(&queue).await;
    fx.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn worker_killed_mid_batch_and_restarted_cancels_every_due_order_exactly_once() {
    let fx = Fixture::new(Backend::Postgres).await;
    let queue = redis_queue();
    let p = fx.product(1_000, 1_000).await;
    let placing = placing_facade(&fx, &queue);
    let mut orders = Vec::new();
    for _ in 0..60 {
        let user = fx.user().await;
        orders.push((user, placing.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order.id));
    }
    tokio::time::sleep(TTL).await;
    let first = RunningWorker::start(&fx, &queue, NO_SWEEP);
    let counters = first.counters.clone();
    wait_for("the first worker to start expiring", Duration::from_secs(15), async || {
        Counters::get(&counters.jobs_handled) >= 5
    })
    .await;
    first.kill();
    // A new process: new worker name. The dead one's in-flight jobs come back after its missed
    // heartbeats.
    let second = RunningWorker::start(&fx, &queue, NO_SWEEP);
    wait_for("every order to be cancelled", Duration::from_secs(30), async || {
        let pending = domain::entities::order::Entity::find()
            .filter(domain::entities::order::Column::Status.eq("pending_payment"))
            .count(&fx.db)
            .await
            .unwrap();
        pending == 0
    })
    .await;
    second.stop().await;
    for (_, id) in &orders {
        let cancelled = events(&fx, *id).await.iter().filter(|k| **k == EventKind::Cancelled).count();
        assert_eq!(cancelled, 1, "order {id} cancelled {cancelled} times");
    }
    assert_eq!(fx.stock(p).await, 1_000);
    fx.assert_invariants().await;
    cleanup_redis(&queue).await;
    fx.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_sweepers_expire_two_thousand_due_orders_in_bounded_batches() {
    let fx = Fixture::new(Backend::Postgres).await;
    let user = fx.user().await;
    let p = fx.product(100, 10_000).await;
    // Placed an hour ago: all due now.
    let past = fx.at(fx.now() - chrono::Duration::hours(1));
    let mut placing = Vec::new();
    for chunk in 0..20 {
        let past = past.clone();
        placing.push(tokio::spawn(async move {
            for _ in 0..100 {
                let cmd = PlaceOrder { idempotency_key: None, ..order(&[(p, 1)], None) };
                past.orders().place_order(user, cmd).await.unwrap();
            }
            chunk
        }));
    }
    for t in placing {
        t.await.unwrap();
    }
    assert_eq!(fx.stock(p).await, 8_000);
    let (a, b) = tokio::join!(fx.facade.orders().expire_all_due(50), fx.facade.orders().expire_all_due(50));
    assert_eq!(a.unwrap() + b.unwrap(), 2_000);
    assert_eq!(fx.stock(p).await, 10_000);
    assert_eq!(fx.facade.orders().expire_due(fx.now(), 50).await.unwrap(), 0);
    fx.assert_invariants().await;
    fx.cleanup().await;
}
