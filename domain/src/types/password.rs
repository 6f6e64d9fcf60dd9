use std::fmt;

use crate::error::{DomainError, Field};

/// A password of 8..=128 characters. Never printed.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let n = raw.chars().count();
        if n < 8 {
            return Err(DomainError::validation(Field::Password, "must be at least 8 characters"));
        }
        if n > 128 {
            return Err(DomainError::validation(Field::Password, "must be at most 128 characters"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}
