//! How amounts and stock read to a shopper.

/// `12000` -> `₩12,000`.
pub fn krw(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if amount < 0 {
        out.push('-');
    }
    out.push('₩');
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Below this many units a product says how many are left.
pub const LOW_STOCK: i64 = 5;

/// "Sold out", "Only 3 left" or "In stock".
pub fn stock_label(stock: i64) -> String {
    match stock {
        ..=0 => "Sold out".to_owned(),
        n if n <= LOW_STOCK => format!("Only {n} left"),
        _ => "In stock".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_won_with_thousands_separators() {
        assert_eq!(krw(0), "₩0");
        assert_eq!(krw(999), "₩999");
        assert_eq!(krw(12_000), "₩12,000");
        assert_eq!(krw(1_234_567), "₩1,234,567");
        assert_eq!(krw(-5_000), "-₩5,000");
    }

    #[test]
    fn stock_reads_as_a_shopper_expects() {
        assert_eq!(stock_label(0), "Sold out");
        assert_eq!(stock_label(3), "Only 3 left");
        assert_eq!(stock_label(50), "In stock");
    }
}
