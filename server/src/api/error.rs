//! The API's one error type, mapped to the contract's status and `code` here and nowhere else.
//! Internal causes are logged; the client only sees a generic message.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::{DomainError, ErrorCode, Field};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response. `code` is one of the contract's error codes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// `validation_error`, `unauthorized`, `forbidden`, `not_found`, `invalid_product`,
    /// `out_of_stock`, `invalid_coupon`, `order_not_payable`, `order_not_cancellable`,
    /// `order_not_refundable`, `idempotency_conflict`, `conflict`, `payment_declined`,
    /// `refund_declined`, `rate_limited` or `internal`.
    pub code: String,
    /// For people; never carries internal detail.
    pub message: String,
    /// `validation_error`: the offending field (`body` when the JSON itself is malformed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `invalid_product`, `out_of_stock`: the product concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    /// `invalid_product`, `out_of_stock`: the variant concerned, when the line named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<i64>,
    /// `invalid_coupon`: `not_found`, `not_owner`, `already_used`, `reserved`, `expired`,
    /// `not_yet_valid` or `min_order_not_met`; `invalid_product`: `variant_required` when the
    /// product has options and the line named no variant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ErrorBody {
    /// A body with its code and message only.
    pub fn plain(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code: code.as_str().to_owned(),
            message: message.into(),
            field: None,
            product_id: None,
            variant_id: None,
            reason: None,
        }
    }
}

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
    pub fn field(field: Field, message: impl Into<String>) -> Self {
        Self::BadInput {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            field: field.as_str().to_owned(),
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody::plain;
        // A refusal for going too fast says when the next try may pass.
        let retry_after = match &self {
            Self::Domain(DomainError::RateLimited { retry_after, .. }) => Some(retry_after.as_secs().max(1)),
            _ => None,
        };
        let (status, body) = match self {
            Self::NoRoute => (status_of(ErrorCode::NotFound), body(ErrorCode::NotFound, NO_ROUTE.into())),
            Self::BadInput { status, field, message } => {
                (status, ErrorBody { field: Some(field), ..body(ErrorCode::ValidationError, message) })
            }
            Self::Domain(e) => {
                if matches!(e, DomainError::Db(_) | DomainError::Internal(_)) {
                    // The cause goes to the log (with the request id); the client learns nothing of it.
                    tracing::error!(error = %e, "request failed");
                    (status_of(ErrorCode::Internal), body(ErrorCode::Internal, "internal error".into()))
                } else {
                    let code = e.code();
                    let plain = body(code, e.to_string());
                    let detailed = match e {
                        DomainError::Validation { field, .. } => {
                            ErrorBody { field: Some(field.as_str().to_owned()), ..plain }
                        }
                        DomainError::InvalidProduct { product_id, variant_id, variant_required } => ErrorBody {
                            product_id: Some(product_id),
                            variant_id,
                            reason: variant_required.then(|| "variant_required".to_owned()),
                            ..plain
                        },
                        DomainError::OutOfStock { product_id, variant_id } => {
                            ErrorBody { product_id: Some(product_id), variant_id, ..plain }
                        }
                        DomainError::InvalidCoupon(reason) => {
                            ErrorBody { reason: Some(reason.as_str().to_owned()), ..plain }
                        }
                        _ => plain,
                    };
                    (status_of(code), detailed)
                }
            }
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The contract's status for an error code (`contract::ErrorCode::http_status`, exhaustive).
pub fn status_of(code: ErrorCode) -> StatusCode {
    code.http_status()
}
