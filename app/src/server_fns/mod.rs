//! Server functions that more than one page or component calls: the pages and the components
//! (the header's cart count and sign-out, a product card's add-to-cart) both use them, so they
//! live below both. A server function one page alone calls stays in that page's file.
pub mod account;
pub mod cart;
