//! What a shopper picks: a product, and for a product with options the variant chosen. A cart
//! holds one line per pick, so two colours of one T-shirt are two lines.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pick {
    pub product_id: i64,
    pub variant_id: Option<i64>,
}

impl Pick {
    /// A product without options.
    pub const fn product(product_id: i64) -> Self {
        Self { product_id, variant_id: None }
    }

    /// As a cart cookie spells it: `7` or `7:5` (product 7, variant 5).
    pub fn write(&self) -> String {
        match self.variant_id {
            None => self.product_id.to_string(),
            Some(v) => format!("{}:{v}", self.product_id),
        }
    }

    /// The spelling of [`Pick::write`]; ids must be positive.
    pub fn read(text: &str) -> Option<Self> {
        let positive = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
        match text.split_once(':') {
            None => Some(Self::product(positive(text)?)),
            Some((p, v)) => Some(Self { product_id: positive(p)?, variant_id: Some(positive(v)?) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pick;

    #[test]
    fn picks_read_back_as_written_and_nonsense_is_none() {
        for pick in [Pick::product(7), Pick { product_id: 7, variant_id: Some(5) }] {
            assert_eq!(Pick::read(&pick.write()), Some(pick));
        }
        for bad in ["", "0", "-1", "7:", ":5", "7:0", "7:5:1", "x"] {
            assert_eq!(Pick::read(bad), None, "{bad}");
        }
    }
}
