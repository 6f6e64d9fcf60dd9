//! The API's one error type, mapped to the contract's status and `code` here and nowhere else.
//! Internal causes are logged; the client only sees a generic message.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::DomainError;

use super::openapi::ErrorBody;

/// The message of a 404 for a path no route matches (a 404 for a missing resource says otherwise).
pub const NO_ROUTE: &str = "no such endpoint";

#[derive(Debug)]
pub enum ApiError {
    Domain(DomainError),
    /// A path under `/api/v1` that no route matches.
    NoRoute,
    /// Malformed JSON, wrong types, bad headers: rejected before the domain.
    BadInput {
        status: StatusCode,
        field: String,
        message: String,
    },
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl ApiError {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput { status: StatusCode::UNPROCESSABLE_ENTITY, field: field.into(), message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = |code: &str, message: String| ErrorBody {
            code: code.to_owned(),
            message,
            field: None,
            product_id: None,
            reason: None,
        };
        let (status, body) = match self {
            Self::NoRoute => (StatusCode::NOT_FOUND, body("not_found", NO_ROUTE.into())),
            Self::BadInput { status, field, message } => {
                (status, ErrorBody { field: Some(field), ..body("validation_error", message) })
            }
            Self::Domain(e) => {
                if matches!(e, DomainError::Db(_) | DomainError::Internal(_)) {
                    // The cause goes to the log (with the request id); the client learns nothing of it.
                    tracing::error!(error = %e, "request failed");
                    (StatusCode::INTERNAL_SERVER_ERROR, body("internal", "internal error".into()))
                } else {
                    let plain = body(e.code(), e.to_string());
                    let detailed = match e {
                        DomainError::Validation { field, .. } => ErrorBody { field: Some(field.to_owned()), ..plain },
                        DomainError::InvalidProduct { product_id } | DomainError::OutOfStock { product_id } => {
                            ErrorBody { product_id: Some(product_id), ..plain }
                        }
                        DomainError::InvalidCoupon(reason) => {
                            ErrorBody { reason: Some(reason.as_str().to_owned()), ..plain }
                        }
                        _ => plain,
                    };
                    (status_of(&detailed.code), detailed)
                }
            }
        };
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The contract's status for each error code (README, "JSON API v1") - for the JSON API and for the
/// pages' server functions alike (`crate::server_fn_status`).
pub fn status_of(code: &str) -> StatusCode {
    match code {
        "validation_error" | "invalid_product" | "invalid_coupon" => StatusCode::UNPROCESSABLE_ENTITY,
        "unauthorized" => StatusCode::UNAUTHORIZED,
        "forbidden" => StatusCode::FORBIDDEN,
        "not_found" => StatusCode::NOT_FOUND,
        "out_of_stock"
        | "order_not_payable"
        | "order_not_cancellable"
        | "order_not_refundable"
        | "idempotency_conflict"
        | "conflict" => StatusCode::CONFLICT,
        "payment_declined" | "refund_declined" => StatusCode::PAYMENT_REQUIRED,
        "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
