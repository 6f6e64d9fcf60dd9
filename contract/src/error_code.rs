use serde::{Deserialize, Serialize};

/// The `code` of every error answer (the README's "JSON API v1"). Serialized as the contract spells it
/// (`out_of_stock`); `http_status` is the one mapping to HTTP, and it is exhaustive, so a new code
/// does not compile until it has a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    ValidationError,
    Unauthorized,
    RateLimited,
    Forbidden,
    NotFound,
    InvalidProduct,
    OutOfStock,
    InvalidCoupon,
    OrderNotPayable,
    OrderNotCancellable,
    OrderNotRefundable,
    RefundDeclined,
    PaymentDeclined,
    IdempotencyConflict,
    Conflict,
    /// The shop could not be reached (only ever made by a client that failed to call it).
    Unavailable,
    /// Something failed that is not the caller's doing; the details are only in the server's log.
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 17] = [
        Self::ValidationError,
        Self::Unauthorized,
        Self::RateLimited,
        Self::Forbidden,
        Self::NotFound,
        Self::InvalidProduct,
        Self::OutOfStock,
        Self::InvalidCoupon,
        Self::OrderNotPayable,
        Self::OrderNotCancellable,
        Self::OrderNotRefundable,
        Self::RefundDeclined,
        Self::PaymentDeclined,
        Self::IdempotencyConflict,
        Self::Conflict,
        Self::Unavailable,
        Self::Internal,
    ];

    /// The code as the contract spells it (also a metric label).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ValidationError => "validation_error",
            Self::Unauthorized => "unauthorized",
            Self::RateLimited => "rate_limited",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::InvalidProduct => "invalid_product",
            Self::OutOfStock => "out_of_stock",
            Self::InvalidCoupon => "invalid_coupon",
            Self::OrderNotPayable => "order_not_payable",
            Self::OrderNotCancellable => "order_not_cancellable",
            Self::OrderNotRefundable => "order_not_refundable",
            Self::RefundDeclined => "refund_declined",
            Self::PaymentDeclined => "payment_declined",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::Conflict => "conflict",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }

    /// The HTTP status the contract gives this code, for the JSON API and the server functions.
    pub const fn http_status(self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::ValidationError | Self::InvalidProduct | Self::InvalidCoupon => S::UNPROCESSABLE_ENTITY,
            Self::Unauthorized => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::NotFound => S::NOT_FOUND,
            Self::OutOfStock
            | Self::OrderNotPayable
            | Self::OrderNotCancellable
            | Self::OrderNotRefundable
            | Self::IdempotencyConflict
            | Self::Conflict => S::CONFLICT,
            Self::PaymentDeclined | Self::RefundDeclined => S::PAYMENT_REQUIRED,
            Self::RateLimited => S::TOO_MANY_REQUESTS,
            Self::Unavailable => S::SERVICE_UNAVAILABLE,
            Self::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn serialized_as_the_contract_spells_it() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn only_internal_is_a_server_error() {
        for code in ErrorCode::ALL {
            let status = code.http_status().as_u16();
            assert!((400..600).contains(&status), "{code}: {status}");
            assert_eq!(status >= 500, matches!(code, ErrorCode::Internal | ErrorCode::Unavailable), "{code}");
        }
    }

    #[test]
    fn refusals_have_the_contract_status() {
        assert_eq!(ErrorCode::OutOfStock.http_status().as_u16(), 409);
        assert_eq!(ErrorCode::InvalidCoupon.http_status().as_u16(), 422);
        assert_eq!(ErrorCode::PaymentDeclined.http_status().as_u16(), 402);
        assert_eq!(ErrorCode::RateLimited.http_status().as_u16(), 429);
    }
}
