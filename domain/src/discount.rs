//! Discount arithmetic (`docs/domain.md`, Discounts), pure.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CouponKind {
    Fixed,
    Percent,
}

impl CouponKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fixed => "fixed",
            Self::Percent => "percent",
        }
    }

    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "fixed" => Some(Self::Fixed),
            "percent" => Some(Self::Percent),
            _ => None,
        }
    }
}

/// `fixed`: min(value, subtotal). `percent`: floor(subtotal * pct / 100), capped by
/// `max_discount`. The result never exceeds the subtotal, so the total never goes below 0.
pub fn discount(kind: CouponKind, value: i64, max_discount: Option<i64>, subtotal: i64) -> i64 {
    let raw = match kind {
        CouponKind::Fixed => value.min(subtotal),
        // i128: subtotal * 100 cannot overflow; floor because both are non-negative.
        CouponKind::Percent => i64::try_from(i128::from(subtotal) * i128::from(value) / 100).unwrap_or(i64::MAX),
    };
    let capped = match max_discount {
        Some(cap) => raw.min(cap),
        None => raw,
    };
    capped.clamp(0, subtotal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_discount_never_exceeds_subtotal() {
        assert_eq!(discount(CouponKind::Fixed, 3_000, None, 10_000), 3_000);
        assert_eq!(discount(CouponKind::Fixed, 3_000, None, 2_500), 2_500);
    }

    #[test]
    fn percent_discount_rounds_down_and_is_capped() {
        assert_eq!(discount(CouponKind::Percent, 10, None, 12_345), 1_234);
        assert_eq!(discount(CouponKind::Percent, 15, None, 999), 149);
        assert_eq!(discount(CouponKind::Percent, 10, Some(1_000), 50_000), 1_000);
        assert_eq!(discount(CouponKind::Percent, 100, None, 7_000), 7_000);
    }
}
