pub mod catalog;
pub mod not_found;
