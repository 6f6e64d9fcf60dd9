//! What every shop process - the server and the worker - does the same way: mimalloc's settings
//! (`allocator`), stopping on SIGTERM or Ctrl-C (`shutdown_signal`) and serving its metrics to
//! Prometheus (`metrics`). Each binary still declares mimalloc as its `#[global_allocator]`.
pub mod allocator;
pub mod metrics;
mod shutdown;

pub use shutdown::shutdown_signal;
