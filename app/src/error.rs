//! The error every server function returns: the contract's `code` and a message a shopper can
//! read. Internal causes are logged on the server and never sent.
pub use contract::ErrorCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ShopError {
    pub code: ErrorCode,
    pub message: String,
    /// `out_of_stock` and `invalid_product`: the product concerned, so the page can show the
    /// message next to it.
    pub product_id: Option<i64>,
    /// The variant concerned, when the line named one.
    #[serde(default)]
    pub variant_id: Option<i64>,
}

impl ShopError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), product_id: None, variant_id: None }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.code == ErrorCode::Unauthorized
    }
}

impl FromServerFnError for ShopError {
    type Encoder = JsonEncoding;

    // Runs where the call failed to reach the shop or to decode: in the browser, inside the
    // page, so the page's language is at hand.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        use crate::i18n::t;
        match value {
            ServerFnErrorErr::Request(_) => Self::new(ErrorCode::Unavailable, t("error-unavailable")),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                Self::new(ErrorCode::ValidationError, t("error-form-invalid"))
            }
            _ => Self::new(ErrorCode::Internal, t("error-internal")),
        }
    }

    /// Runs on the server exactly when a server function answers with this error (a `ShopError`
    /// made and handled inside the function never gets here): the answer gets the contract's
    /// status for the code instead of leptos's blanket 500, so logs, proxies and programs see a
    /// refusal for what it is. A plain form post (no JavaScript, `Accept: text/html`) keeps
    /// leptos's redirect back to the page.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        answer_with_status(self.code);
        <JsonEncoding as leptos::server_fn::Encodes<Self>>::encode(self).unwrap_or_else(|_| {
            leptos::server_fn::Bytes::from_static(br#"{"code":"internal","message":"","product_id":null}"#)
        })
    }
}

/// Messages are written in the language of the request the server function answers.
#[cfg(feature = "ssr")]
impl From<domain::DomainError> for ShopError {
    fn from(e: domain::DomainError) -> Self {
        use domain::DomainError as E;
        let lang = crate::i18n::request_lang();
        let message = match &e {
            E::Db(_) | E::Internal(_) => {
                tracing::error!(error = %e, "server function failed");
                lang.text("error-internal")
            }
            E::Unauthorized => lang.text("error-unauthorized"),
            E::Forbidden => lang.text("error-forbidden"),
            E::NotFound => lang.text("error-not-found"),
            E::OutOfStock { variant_id: Some(_), .. } => lang.text("error-variant-out-of-stock"),
            E::OutOfStock { .. } => lang.text("error-out-of-stock"),
            E::InvalidProduct { variant_required: true, .. } => lang.text("error-variant-required"),
            E::InvalidProduct { variant_id: Some(_), .. } => lang.text("error-variant-not-for-sale"),
            E::InvalidProduct { .. } => lang.text("error-invalid-product"),
            E::InvalidCoupon(reason) => {
                lang.text_with("error-invalid-coupon", &[("reason", coupon_reason(*reason).into())])
            }
            E::OrderNotPayable => lang.text("error-order-not-payable"),
            E::OrderNotCancellable => lang.text("error-order-not-cancellable"),
            E::OrderNotRefundable => lang.text("error-order-not-refundable"),
            E::RefundDeclined { reason } => {
                lang.text_with("error-refund-declined", &[("reason", reason.as_str().into())])
            }
            E::PaymentDeclined => lang.text("error-payment-declined"),
            E::PaymentUnconfirmed => lang.text("error-payment-unconfirmed"),
            E::IdempotencyConflict => lang.text("error-idempotency-conflict"),
            E::RateLimited { limit, .. } => lang.text(crate::refusals::limit_key(*limit)),
            E::Conflict(conflict) => lang.text(crate::refusals::conflict_key(*conflict)),
            E::Validation { field, message } => match crate::refusals::field_sentence_key(*field) {
                Some(key) => lang.text(key),
                // The admin's fields keep the domain's detail after a sentence in the reader's
                // language, naming the field as the form does.
                None => format!(
                    "{} ({}: {message})",
                    lang.text("error-form-invalid"),
                    lang.text(crate::refusals::field_key(*field))
                ),
            },
        };
        let (product_id, variant_id) = match &e {
            E::OutOfStock { product_id, variant_id } | E::InvalidProduct { product_id, variant_id, .. } => {
                (Some(*product_id), *variant_id)
            }
            _ => (None, None),
        };
        Self { code: e.code(), message, product_id, variant_id }
    }
}

#[cfg(feature = "ssr")]
fn answer_with_status(code: ErrorCode) {
    use leptos::prelude::use_context;
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    let form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    if !form_post {
        response.set_status(code.http_status());
    }
}

/// Why a coupon cannot be used, in the request's language (it completes "This coupon can't be
/// used: ...").
#[cfg(feature = "ssr")]
pub fn coupon_reason(reason: domain::CouponRejection) -> String {
    use domain::CouponRejection as R;
    let key = match reason {
        R::NotFound | R::NotOwner => "coupon-reason-not-yours",
        R::AlreadyUsed => "coupon-reason-used",
        R::Reserved => "coupon-reason-reserved",
        R::Expired => "coupon-reason-expired",
        R::NotYetValid => "coupon-reason-not-yet-valid",
        R::MinOrderNotMet => "coupon-reason-min-order",
    };
    crate::i18n::request_lang().text(key)
}
