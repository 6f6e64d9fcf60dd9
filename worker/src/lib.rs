//! The background worker: expires unpaid orders at their deadline. `ExpireOrder` jobs (apalis, on
//! Redis or on an embedded SQLite queue) do it on time; the periodic sweep catches whatever a job
//! missed. The server enqueues the jobs through the `queue` crate, which this one shares.
pub mod counters;
pub mod expire_job;
pub mod metrics;
pub mod runner;
pub mod sweeper;

pub use counters::Counters;
pub use sweeper::run_sweeper;
