use std::sync::atomic::{AtomicU64, Ordering};

/// What the worker did since it started; logged at shutdown and readable by tests.
#[derive(Debug, Default)]
pub struct Counters {
    pub expired_by_job: AtomicU64,
    pub expired_by_sweep: AtomicU64,
    /// Jobs handled, including the no-ops (paid, cancelled or missing orders).
    pub jobs_handled: AtomicU64,
    pub job_failures: AtomicU64,
    pub sweep_failures: AtomicU64,
}

impl Counters {
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }

    pub(crate) fn add(counter: &AtomicU64, n: u64) -> u64 {
        counter.fetch_add(n, Ordering::Relaxed) + n
    }
}
