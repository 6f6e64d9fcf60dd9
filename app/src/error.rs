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
}

impl ShopError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_owned(), message: message.into() }
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
            E::OutOfStock { .. } => "Sorry, there is not enough stock left for this product.".to_owned(),
            other => other.to_string(),
        };
        Self::new(e.code(), message)
    }
}
