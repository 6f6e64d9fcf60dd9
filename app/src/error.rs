//! The error every server function returns: the contract's `code` and a message a shopper can
//! read. Internal causes are logged on the server and never sent.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ShopError {
    pub code: String,
    pub message: String,
    /// `out_of_stock` and `invalid_product`: the product concerned, so the page can show the
    /// message next to it.
    pub product_id: Option<i64>,
}

impl ShopError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_owned(), message: message.into(), product_id: None }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.code == "unauthorized"
    }
}

impl FromServerFnError for ShopError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => {
                Self::new("unavailable", "The shop could not be reached. Check your connection and try again.")
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                Self::new("validation_error", "Some of the form's fields are missing or invalid.")
            }
            _ => Self::new("internal", "Something went wrong on our side. Please try again."),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for ShopError {
    fn from(e: domain::DomainError) -> Self {
        use domain::DomainError as E;
        let message = match &e {
            E::Db(cause) => {
                tracing::error!(error = %cause, "server function failed");
                "Something went wrong on our side. Please try again.".to_owned()
            }
            E::Unauthorized => "Please sign in first.".to_owned(),
            E::Forbidden => "This page is for shop staff only.".to_owned(),
            E::NotFound => "We could not find that.".to_owned(),
            E::OutOfStock { .. } => "Sorry, there is not enough stock left of this product.".to_owned(),
            E::InvalidProduct { .. } => "This product is no longer for sale.".to_owned(),
            E::InvalidCoupon(reason) => format!("This coupon can't be used: {}.", coupon_reason(*reason)),
            E::OrderNotPayable => "This order can no longer be paid: it was paid, cancelled or has expired.".to_owned(),
            E::OrderNotCancellable => "Only orders awaiting payment can be cancelled.".to_owned(),
            E::PaymentDeclined => "Your card was declined. Nothing was charged; try another card.".to_owned(),
            E::IdempotencyConflict => {
                "This checkout was already used for a different cart. Reload the page.".to_owned()
            }
            other => other.to_string(),
        };
        let product_id = match &e {
            E::OutOfStock { product_id } | E::InvalidProduct { product_id } => Some(*product_id),
            _ => None,
        };
        Self { code: e.code().to_owned(), message, product_id }
    }
}

/// Why a coupon cannot be used, in a shopper's words (after "This coupon can't be used: ").
#[cfg(feature = "ssr")]
pub fn coupon_reason(reason: domain::CouponRejection) -> &'static str {
    use domain::CouponRejection as R;
    match reason {
        R::NotFound | R::NotOwner => "it is not one of your coupons",
        R::AlreadyUsed => "it was already used",
        R::Reserved => "it is held by another order awaiting payment",
        R::Expired => "it has expired",
        R::NotYetValid => "it is not valid yet",
        R::MinOrderNotMet => "the order does not reach its minimum amount",
    }
}
