//! The shop's rules (`docs/domain.md`): orders, stock, coupons and expiry, behind one facade.
//! No Leptos, no axum: the pages, the JSON API and the worker are thin adapters over
//! [`OrderFacade`] and its services (`orders()`, `catalog()`, `accounts()`, `coupons()`,
//! `operations()`).

pub mod accounts;
mod batch_queue;
pub mod campaigns;
pub mod carts;
pub mod catalog;
pub mod catalog_query;
pub mod checkout;
pub mod clock;
pub mod config;
pub mod coupons;
pub mod dashboard;
pub mod db;
mod demo_images;
pub mod discount;
pub mod entities;
pub mod error;
pub mod expiry_hook;
pub mod facade;
pub mod invariants;
pub mod media;
pub mod metrics;
pub mod orders;
pub mod payment;
pub mod product_bulk;
pub mod seed;
pub mod sessions;
pub mod sign_in_limit;
pub mod status;
#[cfg(feature = "testing")]
pub mod testing;
pub mod types;
pub mod views;

pub use error::{CouponRejection, DomainError, DomainResult, ErrorCode};
pub use facade::{Accounts, Catalog, Coupons, Operations, OrderFacade, Orders};
pub use orders::PlaceOrder;
pub use sea_orm::DatabaseConnection;
