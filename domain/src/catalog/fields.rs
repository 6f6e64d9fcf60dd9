//! The fields a product and a variant share, parsed at the edge of the catalog.
use crate::error::{DomainError, DomainResult, Field};
use crate::status::ProductStatus;

pub(super) fn parse_status(raw: &str) -> DomainResult<ProductStatus> {
    ProductStatus::parse(raw).ok_or_else(|| DomainError::validation(Field::Status, "must be on_sale or stopped"))
}

pub(super) fn parse_stock(stock: i64) -> DomainResult<i64> {
    if (0..=1_000_000_000).contains(&stock) {
        Ok(stock)
    } else {
        Err(DomainError::validation(Field::Stock, "must be between 0 and 1000000000"))
    }
}
