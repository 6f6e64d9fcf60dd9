//! The bounds of an order (`docs/domain.md`, Money and amounts), which the cart in the browser
//! keeps too: said once here, for the domain's parser and the pages' cart alike.

/// Lines per order (and per cart).
pub const MAX_LINES: usize = 20;
/// Units per line.
pub const MAX_QUANTITY: i32 = 99;
