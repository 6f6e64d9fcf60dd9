//! Rate limits per client address (`domain::rate_limits`): sign-ups and orders from one address
//! in a minute. The per-account limit on orders is the domain's (`ORDERS_PER_ACCOUNT_PER_MINUTE`),
//! where the account is known; the address is known here (`client_ip`). Both count in this
//! process.
use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Limit;
use domain::rate_limits::KeyedLimit;

use crate::api::error::ApiError;
use crate::client_ip::ClientIp;

pub struct AddressLimits {
    sign_ups: KeyedLimit<IpAddr>,
    orders: KeyedLimit<IpAddr>,
}

impl AddressLimits {
    pub fn new(sign_ups_per_minute: u32, orders_per_minute: u32) -> Self {
        Self {
            sign_ups: KeyedLimit::new(Limit::SignUp, sign_ups_per_minute),
            orders: KeyedLimit::new(Limit::Placing, orders_per_minute),
        }
    }

    /// The limit a request counts against, if any: signing up and placing, by the API or a page.
    fn of(&self, request: &Request) -> Option<&KeyedLimit<IpAddr>> {
        if request.method() != Method::POST {
            return None;
        }
        match request.uri().path() {
            "/api/v1/users" | "/api/sign_up" => Some(&self.sign_ups),
            "/api/v1/orders" | "/api/place_order" => Some(&self.orders),
            _ => None,
        }
    }
}

/// Refuses a sign-up or an order past its address's limit: `429 rate_limited` with `Retry-After`.
pub async fn middleware(limits: Arc<AddressLimits>, request: Request, next: Next) -> Response {
    if let (Some(limit), Some(ClientIp(ip))) = (limits.of(&request), request.extensions().get::<ClientIp>().copied())
        && let Err(refused) = limit.check(&ip)
    {
        return ApiError::Domain(refused).into_response();
    }
    next.run(request).await
}
