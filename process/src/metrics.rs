//! The metrics endpoint, off unless an address is set (`METRICS_ADDR` for the server,
//! `WORKER_METRICS_ADDR` for the worker): a listener of its own on that address, never the
//! public port. Each layer names its series where it records them (`domain::metrics`, the
//! server's HTTP series, the worker's queue); this only serves them.
use std::net::SocketAddr;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};

/// How often each process reads its gauges (pool, queue depth, orders overdue): a scrape every
/// 15 s sees values at most this old.
pub const SAMPLE_EVERY: Duration = Duration::from_secs(5);

/// Serves every series of this process at `http://{addr}/metrics`, with `histograms`' buckets
/// (series name, upper bounds). Describe the series after it is installed.
pub fn install(addr: SocketAddr, histograms: &[(&str, &[f64])]) -> Result<(), String> {
    let failed = |e: metrics_exporter_prometheus::BuildError| format!("metrics on {addr}: {e}");
    let mut builder = PrometheusBuilder::new().with_http_listener(addr);
    for &(name, buckets) in histograms {
        builder = builder.set_buckets_for_metric(Matcher::Full(name.to_owned()), buckets).map_err(failed)?;
    }
    builder.install().map_err(failed)
}
