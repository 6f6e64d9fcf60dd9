//! The metrics endpoint, off unless an address is set (`METRICS_ADDR` for the server,
//! `WORKER_METRICS_ADDR` for the worker): a listener of its own on that address, never the
//! public port. The series are named in `domain::metrics`.
use std::net::SocketAddr;
use std::time::Duration;

use domain::metrics as series;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};

/// How often each process reads its gauges (pool, queue depth, orders overdue): a scrape every
/// 15 s sees values at most this old.
pub const SAMPLE_EVERY: Duration = Duration::from_secs(5);

/// Serves every series of this process at `http://{addr}/metrics`.
pub fn install(addr: SocketAddr) -> Result<(), String> {
    let failed = |e: metrics_exporter_prometheus::BuildError| format!("metrics on {addr}: {e}");
    PrometheusBuilder::new()
        .with_http_listener(addr)
        .set_buckets_for_metric(Matcher::Full(series::EXPIRY_LAG.to_owned()), series::EXPIRY_LAG_BUCKETS)
        .map_err(failed)?
        .set_buckets_for_metric(Matcher::Full(series::HTTP_DURATION.to_owned()), series::HTTP_DURATION_BUCKETS)
        .and_then(|b| {
            b.set_buckets_for_metric(
                Matcher::Full(series::PLACING_BATCH_ORDERS.to_owned()),
                series::PLACING_BATCH_BUCKETS,
            )
        })
        .map_err(failed)?
        .install()
        .map_err(failed)?;
    series::describe();
    Ok(())
}
