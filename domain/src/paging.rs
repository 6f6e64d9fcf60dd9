//! One page of a listing, and the bounds every listing's paging keeps.
use crate::error::{DomainError, DomainResult, Field};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

pub const MAX_PER_PAGE: u64 = 100;
/// The last page any listing serves: page x per_page must stay far inside the database's
/// 64-bit offsets (a page number near u64::MAX once overflowed into a panic).
pub const MAX_PAGE: u64 = 1_000_000;

/// `page` (from 1, at most [`MAX_PAGE`]) and `per_page` (1..=[`MAX_PER_PAGE`]) of every listing.
pub fn check_paging(page: u64, per_page: u64) -> DomainResult<()> {
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(DomainError::validation(Field::Page, format!("must be between 1 and {MAX_PAGE}")));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(DomainError::validation(Field::PerPage, format!("must be between 1 and {MAX_PER_PAGE}")));
    }
    Ok(())
}
