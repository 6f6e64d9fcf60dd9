//! The server's tests, one binary with a module per capability: each starts the real application
//! (`harness`: on port 0, on a fresh SQLite or PostgreSQL database) or the real binaries
//! (`faults::processes`) and talks to it over HTTP as a client would.
mod accounts;
mod admin_orders;
mod api_contract;
mod backups;
mod catalog;
mod coupons;
mod faults;
mod harness;
mod limits;
mod metrics;
mod orders;
mod pages;
mod scene;
mod server_functions;
mod startup;
mod variants;
