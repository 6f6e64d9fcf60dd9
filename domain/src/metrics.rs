//! The shop's Prometheus series about orders, payments and the database, each named and described
//! once here and recorded where the thing happens (the facade), so the pages, the JSON API and the
//! worker count alike. The web server names its HTTP series (`server/src/http_metrics.rs`) and the
//! worker its queue's (`worker/src/metrics.rs`). Recorded through
//! the `metrics` facade: with no exporter installed (`METRICS_ADDR` unset, tests) every call is a
//! cheap no-op. The series are listed in the README (Operations, Metrics).
use metrics::{Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use sea_orm::{DatabaseBackend, DatabaseConnection};

pub const ORDERS_PLACED: &str = "shop_orders_placed_total";
pub const ORDERS_REFUSED: &str = "shop_orders_refused_total";
pub const ORDERS_PAID: &str = "shop_orders_paid_total";
pub const ORDERS_EXPIRED: &str = "shop_orders_expired_total";
pub const EXPIRY_LAG: &str = "shop_expiry_lag_seconds";
pub const EXPIRY_ENQUEUE_FAILURES: &str = "shop_expiry_enqueue_failures_total";
pub const PAYMENTS_RECONCILED: &str = "shop_payments_reconciled_total";
pub const UNPAID_CHARGE_REFUNDS_REFUSED: &str = "shop_unpaid_charge_refunds_refused_total";
pub const DB_POOL: &str = "shop_db_pool_connections";
pub const ORDERS_OVERDUE: &str = "shop_orders_overdue";
pub const PLACING_BATCH_ORDERS: &str = "shop_placing_batch_orders";
pub const PLACING_BATCH_SPLITS: &str = "shop_placing_batch_splits_total";

/// Buckets of the expiry lag: a healthy shop expires within a sweep interval (30 s by default);
/// the upper buckets show a worker that was down.
pub const EXPIRY_LAG_BUCKETS: &[f64] = &[0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0];
/// Buckets of the orders per placing transaction: 1 at low load, up to the batch cap in a sale.
pub const PLACING_BATCH_BUCKETS: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0];

/// The histograms of this module with their buckets, for the exporter (`process::metrics`).
pub const HISTOGRAMS: &[(&str, &[f64])] =
    &[(EXPIRY_LAG, EXPIRY_LAG_BUCKETS), (PLACING_BATCH_ORDERS, PLACING_BATCH_BUCKETS)];

/// HELP lines for every series (call once, after the exporter is installed).
pub fn describe() {
    describe_counter!(ORDERS_PLACED, "Orders placed (stock and coupon reserved, awaiting payment).");
    describe_counter!(ORDERS_REFUSED, "Orders refused when placing, by the error code the caller got.");
    describe_counter!(ORDERS_PAID, "Orders paid.");
    describe_counter!(ORDERS_EXPIRED, "Unpaid orders cancelled at their deadline, by job or sweep.");
    describe_histogram!(EXPIRY_LAG, Unit::Seconds, "From an order's payment deadline to its cancellation.");
    describe_counter!(
        EXPIRY_ENQUEUE_FAILURES,
        "Expiry jobs that could not be enqueued (the sweep expires those orders)."
    );
    describe_counter!(PAYMENTS_RECONCILED, "Payments left between charge and outcome, finished by the reconciler.");
    describe_counter!(
        UNPAID_CHARGE_REFUNDS_REFUSED,
        "Charges of orders that could not be paid whose refund the gateway refused (staff must act)."
    );
    describe_gauge!(DB_POOL, "Database pool connections of this process, in use or idle.");
    describe_gauge!(ORDERS_OVERDUE, "Orders still awaiting payment after their deadline.");
    describe_histogram!(PLACING_BATCH_ORDERS, "Orders placed together in one placing transaction.");
    describe_counter!(
        PLACING_BATCH_SPLITS,
        "Placing batches rolled back because a guard did not hold, their orders then placed one by one."
    );
}

pub(crate) fn order_placed() {
    counter!(ORDERS_PLACED).increment(1);
}

pub(crate) fn order_refused(code: crate::error::ErrorCode) {
    counter!(ORDERS_REFUSED, "code" => code.as_str()).increment(1);
}

pub(crate) fn order_paid() {
    counter!(ORDERS_PAID).increment(1);
}

/// `by`: `job` (its expiry job) or `sweep`; `lag`: from the deadline to now.
pub(crate) fn order_expired(by: &'static str, lag: chrono::Duration) {
    counter!(ORDERS_EXPIRED, "by" => by).increment(1);
    histogram!(EXPIRY_LAG).record(lag.num_milliseconds().max(0) as f64 / 1000.0);
}

pub fn placing_batch(orders: usize) {
    histogram!(PLACING_BATCH_ORDERS).record(orders as f64);
}

pub fn placing_batch_split() {
    counter!(PLACING_BATCH_SPLITS).increment(1);
}

pub fn expiry_enqueue_failed() {
    counter!(EXPIRY_ENQUEUE_FAILURES).increment(1);
}

pub(crate) fn payments_reconciled(outcome: &'static str, n: u64) {
    if n > 0 {
        counter!(PAYMENTS_RECONCILED, "outcome" => outcome).increment(n);
    }
}

pub(crate) fn unpaid_charge_refund_refused() {
    counter!(UNPAID_CHARGE_REFUNDS_REFUSED).increment(1);
}

/// Sets the pool gauges from the pool's own counts.
pub fn record_pool(db: &DatabaseConnection) {
    let (size, idle) = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    let idle = idle as f64;
    gauge!(DB_POOL, "state" => "idle").set(idle);
    gauge!(DB_POOL, "state" => "in_use").set((f64::from(size) - idle).max(0.0));
}

pub fn record_overdue(overdue: u64) {
    gauge!(ORDERS_OVERDUE).set(overdue as f64);
}
