use crate::error::{DomainError, Field};

/// A lower-cased, trimmed email address of plausible shape (one `@`, a dot in the domain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let email = raw.trim().to_lowercase();
        let bad = || DomainError::validation(Field::Email, "must be a valid email address");
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = email.split_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(bad());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(Email::parse(" Demo@Shop.Test ").unwrap().as_str(), "demo@shop.test");
        for bad in
            ["", "nope", "a\u{0}@shop.test", "a@b", "@shop.test", "a@@shop.test", "a b@shop.test", "a@shop.test."]
        {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
