use std::collections::BTreeMap;

use crate::error::{DomainError, Field};

pub use contract::limits::{MAX_LINES, MAX_QUANTITY};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderLine {
    pub product_id: i64,
    /// The variant chosen, for a product with options.
    pub variant_id: Option<i64>,
    pub quantity: i32,
}

/// The lines of an order: 1..=20 distinct products (or variants of one), 1..=99 units each, sorted
/// by product id, then variant id.
///
/// A product (or variant) named twice is merged into one line (quantities added) - a shopper who
/// adds the same thing twice expects the sum; the merged quantity must still be within 1..=99.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLines(Vec<OrderLine>);

impl OrderLines {
    /// Lines of products without options: (product id, quantity).
    pub fn parse(raw: impl IntoIterator<Item = (i64, i64)>) -> Result<Self, DomainError> {
        Self::parse_picks(raw.into_iter().map(|(product_id, quantity)| (product_id, None, quantity)))
    }

    /// Lines naming a variant where one was chosen: (product id, variant id, quantity).
    pub fn parse_picks(raw: impl IntoIterator<Item = (i64, Option<i64>, i64)>) -> Result<Self, DomainError> {
        let mut merged: BTreeMap<(i64, Option<i64>), i64> = BTreeMap::new();
        let mut count = 0usize;
        for (product_id, variant_id, quantity) in raw {
            count += 1;
            if count > MAX_LINES {
                return Err(DomainError::validation(Field::Items, format!("at most {MAX_LINES} lines")));
            }
            if product_id <= 0 {
                return Err(DomainError::validation(Field::ProductId, "must be a positive id"));
            }
            if variant_id.is_some_and(|v| v <= 0) {
                return Err(DomainError::validation(Field::VariantId, "must be a positive id"));
            }
            if !(1..=i64::from(MAX_QUANTITY)).contains(&quantity) {
                return Err(DomainError::validation(Field::Quantity, format!("must be between 1 and {MAX_QUANTITY}")));
            }
            *merged.entry((product_id, variant_id)).or_default() += quantity;
        }
        if merged.is_empty() {
            return Err(DomainError::validation(Field::Items, "an order needs at least one line"));
        }
        let mut lines = Vec::with_capacity(merged.len());
        for ((product_id, variant_id), quantity) in merged {
            let quantity = i32::try_from(quantity).ok().filter(|q| *q <= MAX_QUANTITY).ok_or_else(|| {
                DomainError::validation(Field::Quantity, format!("at most {MAX_QUANTITY} of one product"))
            })?;
            lines.push(OrderLine { product_id, variant_id, quantity });
        }
        Ok(Self(lines))
    }

    /// Lines in ascending product id (then variant id).
    pub fn lines(&self) -> &[OrderLine] {
        &self.0
    }

    pub fn product_ids(&self) -> Vec<i64> {
        self.0.iter().map(|l| l.product_id).collect()
    }

    pub fn variant_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.iter().filter_map(|l| l.variant_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sorted_and_duplicates_merged() {
        let lines = OrderLines::parse([(5, 1), (2, 3), (5, 2)]).unwrap();
        assert_eq!(
            lines.lines(),
            &[
                OrderLine { product_id: 2, variant_id: None, quantity: 3 },
                OrderLine { product_id: 5, variant_id: None, quantity: 3 }
            ]
        );
        let picks = OrderLines::parse_picks([(5, Some(9), 1), (5, Some(8), 1), (5, Some(9), 2)]).unwrap();
        assert_eq!(
            picks.lines(),
            &[
                OrderLine { product_id: 5, variant_id: Some(8), quantity: 1 },
                OrderLine { product_id: 5, variant_id: Some(9), quantity: 3 }
            ]
        );
        assert!(OrderLines::parse_picks([(5, Some(0), 1)]).is_err());
    }

    #[test]
    fn quantities_and_line_counts_are_bounded() {
        assert!(OrderLines::parse([]).is_err());
        assert!(OrderLines::parse([(1, 0)]).is_err());
        assert!(OrderLines::parse([(1, 100)]).is_err());
        assert!(OrderLines::parse([(1, 50), (1, 50)]).is_err());
        assert!(OrderLines::parse([(0, 1)]).is_err());
        assert!(OrderLines::parse((1..=21).map(|id| (id, 1))).is_err());
        assert!(OrderLines::parse((1..=20).map(|id| (id, 99))).is_ok());
    }
}
