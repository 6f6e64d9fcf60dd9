//! The web server: the Leptos pages (with their server functions), health checks and the JSON API
//! (`/api/v1`) - all over `domain::OrderFacade`.
pub mod api;
pub mod client_ip;
pub mod config;
mod gateway_hook;
mod health;
pub mod http_metrics;
mod image_upload;
mod language;
mod media;
mod order_export;
pub mod overload;
mod panic_answer;
mod rate_limits;
mod request_id;
mod security;
mod site;
pub mod startup;
pub mod state;
mod static_in_memory;
pub mod telemetry;
mod unread_body;

pub use startup::Application;
