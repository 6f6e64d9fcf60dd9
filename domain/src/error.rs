//! The one error enum of the domain. Each variant maps to one code of the API contract; the web
//! layers map it to HTTP once and never show `Db` details to a client.
pub use contract::{Conflict, ErrorCode, Field, Limit};
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};

/// Why a coupon could not be used (the `reason` of `invalid_coupon`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouponRejection {
    NotFound,
    NotOwner,
    AlreadyUsed,
    Reserved,
    Expired,
    NotYetValid,
    MinOrderNotMet,
}

impl CouponRejection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::NotOwner => "not_owner",
            Self::AlreadyUsed => "already_used",
            Self::Reserved => "reserved",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::MinOrderNotMet => "min_order_not_met",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("invalid {field}: {message}")]
    Validation { field: Field, message: String },
    #[error("wrong email or password")]
    Unauthorized,
    /// A limit of `limit` was reached; `retry_after` is how long until the next try may pass.
    #[error("{}", .limit.message())]
    RateLimited { limit: Limit, retry_after: std::time::Duration },
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The product (or the variant named) does not exist, is not on sale, or is another
    /// product's; or the product has options and no variant was named (`variant_required`).
    #[error("{}", invalid_product_message(*.product_id, *.variant_id, *.variant_required))]
    InvalidProduct { product_id: i64, variant_id: Option<i64>, variant_required: bool },
    #[error("{}", match .variant_id {
        Some(v) => format!("variant {v} of product {product_id} is out of stock"),
        None => format!("product {product_id} is out of stock"),
    })]
    OutOfStock { product_id: i64, variant_id: Option<i64> },
    #[error("coupon cannot be used: {}", .0.as_str())]
    InvalidCoupon(CouponRejection),
    #[error("order cannot be paid")]
    OrderNotPayable,
    #[error("order cannot be cancelled")]
    OrderNotCancellable,
    #[error("order cannot be refunded")]
    OrderNotRefundable,
    #[error("the payment gateway refused the refund: {reason}")]
    RefundDeclined { reason: String },
    #[error("payment declined")]
    PaymentDeclined,
    /// The gateway may have charged but the order could not be marked paid yet (the database or
    /// the gateway did not answer). Not the shopper's fault and not final: the reconciler pays
    /// the order (deadline permitting) or gives the money back; paying again is safe.
    #[error(
        "the payment could not be confirmed; if money was taken, the order will be paid or the money given back automatically"
    )]
    PaymentUnconfirmed,
    #[error("idempotency key was used with a different request")]
    IdempotencyConflict,
    #[error("{}", .0.message())]
    Conflict(Conflict),
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// A failure that is neither the caller's nor the database's (encoding an image, a task that
    /// died): logged, answered as `internal`, and never retried as if it were transient.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A gateway that did not answer is not the caller's doing: `internal` (logged, never detailed to
/// the client). The pay flow handles it itself, since a charge may then have been made.
impl From<crate::payment::GatewayUnavailable> for DomainError {
    fn from(e: crate::payment::GatewayUnavailable) -> Self {
        Self::Internal(e.to_string())
    }
}

fn invalid_product_message(product_id: i64, variant_id: Option<i64>, variant_required: bool) -> String {
    match variant_id {
        _ if variant_required => format!("product {product_id} has options: choose a variant (variant_id)"),
        Some(v) => format!("variant {v} is not one of product {product_id}'s on sale"),
        None => format!("product {product_id} does not exist or is not on sale"),
    }
}

impl DomainError {
    /// A product (without a variant named) that does not exist or is not on sale.
    pub fn invalid_product(product_id: i64) -> Self {
        Self::InvalidProduct { product_id, variant_id: None, variant_required: false }
    }

    pub fn validation(field: Field, message: impl Into<String>) -> Self {
        Self::Validation { field, message: message.into() }
    }

    pub fn internal(what: impl Into<String>) -> Self {
        Self::Internal(what.into())
    }

    /// The contract's error code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation { .. } => ErrorCode::ValidationError,
            Self::Unauthorized => ErrorCode::Unauthorized,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::InvalidProduct { .. } => ErrorCode::InvalidProduct,
            Self::OutOfStock { .. } => ErrorCode::OutOfStock,
            Self::InvalidCoupon(_) => ErrorCode::InvalidCoupon,
            Self::OrderNotPayable => ErrorCode::OrderNotPayable,
            Self::OrderNotCancellable => ErrorCode::OrderNotCancellable,
            Self::OrderNotRefundable => ErrorCode::OrderNotRefundable,
            Self::RefundDeclined { .. } => ErrorCode::RefundDeclined,
            Self::PaymentDeclined => ErrorCode::PaymentDeclined,
            Self::IdempotencyConflict => ErrorCode::IdempotencyConflict,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Db(_) | Self::Internal(_) | Self::PaymentUnconfirmed => ErrorCode::Internal,
        }
    }

    /// Whether trying the same thing again soon may succeed: the database could not be reached,
    /// restarted, or gave up on the transaction (serialization failure, deadlock, too many
    /// connections, a locked SQLite file). Jobs retry only these; anything else would fail the
    /// same way again.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Db(e) => db_error_is_transient(e),
            _ => false,
        }
    }
}

fn db_error_is_transient(e: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let runtime = match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(r) | DbErr::Query(r) => r,
        _ => return false,
    };
    let RuntimeErr::SqlxError(sqlx_error) = runtime else { return false };
    match sqlx_error.as_ref() {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(db) => {
            let code = db.code();
            let code = code.as_deref().unwrap_or("");
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLite, its primary code in the low byte: busy, locked.
                code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6))
            } else {
                // PostgreSQL: serialization failure, deadlock, too many connections, shutting
                // down, starting up.
                matches!(code, "40001" | "40P01" | "53300" | "57P01" | "57P03")
            }
        }
        _ => false,
    }
}

pub type DomainResult<T> = Result<T, DomainError>;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sea_orm::{DbErr, RuntimeErr, sqlx};

    use super::{DomainError, ErrorCode};

    fn sqlx_error(e: sqlx::Error) -> DomainError {
        DomainError::Db(DbErr::Query(RuntimeErr::SqlxError(Arc::new(e))))
    }

    #[test]
    fn only_a_database_that_may_answer_next_time_is_transient() {
        assert!(sqlx_error(sqlx::Error::PoolTimedOut).is_transient());
        assert!(sqlx_error(sqlx::Error::Io(std::io::ErrorKind::ConnectionReset.into())).is_transient());
        assert!(DomainError::Db(DbErr::Conn(RuntimeErr::Internal("refused".into()))).is_transient());
        assert!(!sqlx_error(sqlx::Error::RowNotFound).is_transient());
        assert!(!DomainError::Db(DbErr::Custom("corrupt".into())).is_transient());
        assert!(!DomainError::internal("hashing failed").is_transient());
        assert!(!DomainError::NotFound.is_transient());
    }

    /// A real SQLite file held by another writer: the refusal is transient (and a constraint
    /// violation on the same file is not).
    #[tokio::test]
    async fn a_busy_sqlite_file_is_transient() {
        use sea_orm::{ConnectOptions, ConnectionTrait, Database};
        let file = std::env::temp_dir().join(format!("shop-busy-{}.db", std::process::id()));
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let connect = || async {
            let mut opts = ConnectOptions::new(url.clone());
            opts.max_connections(1).map_sqlx_sqlite_opts(|o| o.busy_timeout(std::time::Duration::ZERO));
            Database::connect(opts).await.unwrap()
        };
        let (holder, other) = (connect().await, connect().await);
        holder.execute_unprepared("CREATE TABLE t (id INTEGER PRIMARY KEY)").await.unwrap();
        holder.execute_unprepared("BEGIN IMMEDIATE").await.unwrap();
        let busy = other.execute_unprepared("INSERT INTO t (id) VALUES (1)").await.unwrap_err();
        assert!(DomainError::Db(busy).is_transient());
        holder.execute_unprepared("INSERT INTO t (id) VALUES (1)").await.unwrap();
        let taken = holder.execute_unprepared("INSERT INTO t (id) VALUES (1)").await.unwrap_err();
        assert!(!DomainError::Db(taken).is_transient());
        holder.execute_unprepared("ROLLBACK").await.unwrap();
        let _ = std::fs::remove_file(&file);
    }

    #[test]
    fn failures_no_one_asked_for_are_internal() {
        assert_eq!(DomainError::internal("x").code(), ErrorCode::Internal);
        assert_eq!(DomainError::Db(DbErr::Custom("x".into())).code(), ErrorCode::Internal);
        assert_eq!(DomainError::OutOfStock { product_id: 1, variant_id: None }.code(), ErrorCode::OutOfStock);
    }
}
