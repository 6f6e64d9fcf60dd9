//! The JSON API v1 (`shared/spec/api-v1.md`): thin handlers over `domain::OrderFacade`.
mod accounts;
mod admin;
mod catalog;
mod coupons;
pub mod error;
pub mod extract;
mod orders;
pub mod rate_limit;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};

use crate::state::AppState;

/// Request bodies above this are refused before they are read.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", post(accounts::sign_up))
        .route("/session", post(accounts::sign_in).delete(accounts::sign_out))
        .route("/me", get(accounts::me))
        .route("/me/coupons", get(coupons::mine))
        .route("/coupons/{coupon_id}/claim", post(coupons::claim))
        .route("/products", get(catalog::list))
        .route("/products/{id}", get(catalog::get))
        .route("/orders/quote", post(orders::quote))
        .route("/orders", post(orders::place).get(orders::list))
        .route("/orders/{id}", get(orders::get))
        .route("/orders/{id}/payment", post(orders::pay))
        .route("/orders/{id}/cancel", post(orders::cancel))
        .route("/admin/products", post(admin::create_product))
        .route("/admin/products/{id}", patch(admin::patch_product))
        .route("/admin/coupons", post(admin::create_coupon))
        .route("/admin/coupons/{id}/issue", post(admin::issue_coupon))
        .route("/admin/orders", get(admin::orders))
        .route("/admin/orders/expire-due", post(admin::expire_due))
        .route("/admin/orders/{id}", get(admin::order))
        .fallback(|| async { error::ApiError::Domain(domain::DomainError::NotFound) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}
