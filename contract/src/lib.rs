//! What the shop's clients see of it, in one crate that both the server and the browser's wasm
//! build compile (it has no database and no web framework): the error codes of the JSON API and
//! of the pages' server functions, each with its one HTTP status.
mod error_code;

pub use error_code::ErrorCode;
