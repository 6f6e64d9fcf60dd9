//! The background worker: expires unpaid orders at their deadline. `ExpireOrder` jobs (apalis, on
//! Redis or on an embedded SQLite queue) do it on time; the periodic sweep catches whatever a job
//! missed. The server uses [`queue::QueueScheduler`] to enqueue the jobs.
pub mod counters;
mod embedded_push;
pub mod expire_job;
pub mod metrics;
pub mod queue;
pub mod runner;
pub mod sweeper;

pub use counters::Counters;
pub use sweeper::run_sweeper;
