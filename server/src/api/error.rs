//! The API's one error type, mapped to the contract's status and `code` here and nowhere else.
//! Internal causes are logged; the client only sees a generic message.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use serde_json::{Value, json};

#[derive(Debug)]
pub enum ApiError {
    Domain(DomainError),
    /// Too many failed sign-ins for one email or address.
    RateLimited,
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
        let e = match self {
            Self::RateLimited => {
                let body = json!({ "code": "rate_limited", "message": "too many failed sign-ins; try again later" });
                return (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
            }
            Self::BadInput { status, field, message } => {
                let body = json!({ "code": "validation_error", "message": message, "field": field });
                return (status, Json(body)).into_response();
            }
            Self::Domain(e) => e,
        };
        let (status, extra): (StatusCode, Value) = match &e {
            DomainError::Validation { field, .. } => (StatusCode::UNPROCESSABLE_ENTITY, json!({ "field": field })),
            DomainError::Unauthorized => (StatusCode::UNAUTHORIZED, json!({})),
            DomainError::Forbidden => (StatusCode::FORBIDDEN, json!({})),
            DomainError::NotFound => (StatusCode::NOT_FOUND, json!({})),
            DomainError::InvalidProduct { product_id } => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!({ "product_id": product_id }))
            }
            DomainError::OutOfStock { product_id } => (StatusCode::CONFLICT, json!({ "product_id": product_id })),
            DomainError::InvalidCoupon(reason) => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!({ "reason": reason.as_str() }))
            }
            DomainError::OrderNotPayable
            | DomainError::OrderNotCancellable
            | DomainError::IdempotencyConflict
            | DomainError::Conflict(_) => (StatusCode::CONFLICT, json!({})),
            DomainError::PaymentDeclined => (StatusCode::PAYMENT_REQUIRED, json!({})),
            DomainError::Db(cause) => {
                tracing::error!(error = %cause, "request failed");
                let body = json!({ "code": "internal", "message": "internal error" });
                return (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
            }
        };
        let mut body = json!({ "code": e.code(), "message": e.to_string() });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
