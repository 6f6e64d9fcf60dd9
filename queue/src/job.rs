//! The one job the queue carries: expire this order at its deadline. The server enqueues it
//! (`scheduler.rs`); the worker runs it (`worker/src/expire_job.rs`).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpireOrder {
    pub order_id: i64,
}
