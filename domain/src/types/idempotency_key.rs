use crate::error::{DomainError, Field};

/// The `Idempotency-Key` of a placing request: 1..=64 visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        if raw.is_empty() || raw.len() > 64 || !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(DomainError::validation(Field::IdempotencyKey, "must be 1-64 visible ASCII characters"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A fresh random key (128 bits, hex), for a checkout page to send with its form.
    pub fn generate() -> Self {
        use rand_core::{OsRng, RngCore};
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
