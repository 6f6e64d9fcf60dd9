//! The shop's rules (`docs/domain.md`): orders, stock, coupons and expiry, behind one facade.
//! No Leptos, no axum: the pages, the JSON API and the worker are thin adapters over
//! [`OrderFacade`] and its services, one folder each: `orders/`, `catalog/`, `accounts/`,
//! `coupons/`, `operations/` (`docs/architecture.md` says where each rule lives).

pub mod accounts;
mod batch_queue;
pub mod catalog;
pub mod clock;
mod context;
pub mod coupons;
pub mod db;
pub mod entities;
pub mod error;
pub mod expiry_hook;
pub mod facade;
pub mod invariants;
pub mod metrics;
pub mod operations;
pub mod orders;
pub mod paging;
pub mod payment;
pub mod rate_limits;
pub mod settings;
pub mod status;
#[cfg(feature = "testing")]
pub mod testing;
pub mod types;

pub use accounts::Accounts;
pub use catalog::Catalog;
pub use contract::Pick;
pub use coupons::Coupons;
pub use error::{Conflict, CouponRejection, DomainError, DomainResult, ErrorCode, Field, Limit};
pub use facade::OrderFacade;
pub use operations::Operations;
pub use orders::{Orders, PlaceOrder};
pub use sea_orm::DatabaseConnection;
