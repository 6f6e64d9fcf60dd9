use crate::error::{DomainError, Field};

/// An amount of KRW: an integer, never negative, never floating point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i64);

/// The largest price we accept: keeps `price * 99 * 20` far from overflowing i64.
const MAX_AMOUNT: i64 = 1_000_000_000_000;

impl Money {
    pub fn parse(field: Field, value: i64) -> Result<Self, DomainError> {
        if (0..=MAX_AMOUNT).contains(&value) {
            Ok(Self(value))
        } else {
            Err(DomainError::validation(field, format!("must be between 0 and {MAX_AMOUNT}")))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rejects_negative_and_absurd_amounts() {
        assert!(Money::parse(Field::Price, -1).is_err());
        assert!(Money::parse(Field::Price, MAX_AMOUNT + 1).is_err());
        assert_eq!(Money::parse(Field::Price, 0).unwrap().get(), 0);
    }
}
