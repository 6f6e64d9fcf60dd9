//! Parsed input: every value the facade takes was checked here, at the edge.
mod email;
mod idempotency_key;
mod ip_range;
mod money;
mod order_lines;
mod password;
mod shipping;
mod text;
mod user_id;

pub use email::Email;
pub use idempotency_key::IdempotencyKey;
pub use ip_range::{IpRange, parse_ranges};
pub use money::Money;
pub use order_lines::{MAX_LINES, MAX_QUANTITY, OrderLine, OrderLines};
pub use password::Password;
pub use shipping::Shipping;
pub use text::{clean_text, parse_name};
pub use user_id::UserId;
