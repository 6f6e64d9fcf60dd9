pub mod account;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod coupons;
pub mod not_found;
pub mod orders;
pub mod product;
