//! An order's amounts (`docs/domain.md`, Money and amounts): each line's total, the goods'
//! subtotal, the coupon's discount (its arithmetic is the coupon rule's, `coupons/rule.rs`) and
//! the total charged. Placing and quoting price an order here; nothing else adds them up.

/// A line's amount: the unit price as placed times the quantity.
pub(crate) fn line_total(unit_price: i64, quantity: i32) -> i64 {
    unit_price * i64::from(quantity)
}

/// The goods' amount: the sum of the lines' totals.
pub(crate) fn subtotal(line_totals: impl IntoIterator<Item = i64>) -> i64 {
    line_totals.into_iter().sum()
}

/// An order that passed the checks: its amounts and the coupon it reserves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Priced {
    pub(crate) subtotal: i64,
    /// (user_coupon id, discount)
    pub(crate) coupon: Option<(i64, i64)>,
}

impl Priced {
    pub(crate) fn discount(&self) -> i64 {
        self.coupon.map_or(0, |(_, d)| d)
    }

    /// What the shopper pays: the goods less the discount, which never exceeds them (so never
    /// below 0).
    pub(crate) fn total(&self) -> i64 {
        self.subtotal - self.discount()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_is_the_lines_less_the_discount() {
        let priced =
            Priced { subtotal: subtotal([line_total(12_000, 2), line_total(3_500, 1)]), coupon: Some((4, 2_750)) };
        assert_eq!((priced.subtotal, priced.discount(), priced.total()), (27_500, 2_750, 24_750));
        assert_eq!(Priced { subtotal: 9_000, coupon: None }.total(), 9_000);
    }
}
