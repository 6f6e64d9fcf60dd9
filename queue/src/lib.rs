//! The expiry queue, as both binaries use it: where the jobs live (`settings`), the storages as
//! apalis opens them (`storage`), the job (`job`), and the server's producer (`scheduler`), which
//! enqueues each order's expiry at its deadline on Redis or on an embedded SQLite file. The
//! consumers - the worker's apalis monitor and the sweep - stay in `worker`, which the server does
//! not link.
mod embedded_push;
pub mod job;
pub mod scheduler;
pub mod settings;
pub mod storage;

pub use job::ExpireOrder;
pub use scheduler::QueueScheduler;
pub use settings::{QueueKind, QueueSettings, queue_name};
pub use storage::{EMBEDDED_QUEUE, connect_redis, open_embedded, open_embedded_pool, redis_storage, task_id};
