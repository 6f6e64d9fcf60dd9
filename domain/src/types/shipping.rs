use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Field};

/// Where an order goes: a snapshot taken when it is placed (a later change of address does not
/// move an order already placed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipping {
    /// Who receives the parcel, 1 to 100 characters.
    pub recipient: String,
    /// A phone number the courier can call, 1 to 100 characters.
    pub phone: String,
    /// Korean postal code: 5 digits.
    pub postal_code: String,
    /// Street address, 1 to 100 characters.
    pub address1: String,
    /// Building, floor, unit; at most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
}

impl Shipping {
    /// Each required field trimmed and 1..=100 characters, `postal_code` 5 digits, `address2`
    /// optional. Errors name the field (`shipping.postal_code`).
    pub fn parse(
        recipient: &str,
        phone: &str,
        postal_code: &str,
        address1: &str,
        address2: Option<&str>,
    ) -> Result<Self, DomainError> {
        let required = |field: Field, raw: &str| -> Result<String, DomainError> {
            let text = super::clean_text(field, raw, 100, false)?;
            if text.is_empty() {
                return Err(DomainError::validation(field, "is required (1 to 100 characters)"));
            }
            Ok(text)
        };
        let postal_code = postal_code.trim();
        if postal_code.len() != 5 || !postal_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::validation(Field::ShippingPostalCode, "must be 5 digits"));
        }
        let phone = required(Field::ShippingPhone, phone)?;
        if !phone.chars().any(|c| c.is_ascii_digit())
            || !phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'))
        {
            return Err(DomainError::validation(
                Field::ShippingPhone,
                "must be a phone number (digits, spaces, - + ( ))",
            ));
        }
        let address2 = match address2 {
            None => None,
            Some(raw) => Some(super::clean_text(Field::ShippingAddress2, raw, 100, false)?).filter(|a| !a.is_empty()),
        };
        Ok(Self {
            recipient: required(Field::ShippingRecipient, recipient)?,
            phone,
            postal_code: postal_code.to_owned(),
            address1: required(Field::ShippingAddress1, address1)?,
            address2,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: DomainError) -> &'static str {
        match e {
            DomainError::Validation { field, .. } => field.as_str(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_korean_address_parses_and_is_trimmed() {
        let s = Shipping::parse(" 김하나 ", "010-1234-5678", "06236", "서울특별시 강남구 테헤란로 123", Some("  "))
            .unwrap();
        assert_eq!(s.recipient, "김하나");
        assert_eq!(s.address2, None);
    }

    #[test]
    fn each_field_is_checked_by_name() {
        let ok = ("김하나", "010-1234-5678", "06236", "서울 강남구 테헤란로 1");
        assert_eq!(field(Shipping::parse("", ok.1, ok.2, ok.3, None).unwrap_err()), "shipping.recipient");
        assert_eq!(field(Shipping::parse(ok.0, "call me", ok.2, ok.3, None).unwrap_err()), "shipping.phone");
        assert_eq!(field(Shipping::parse(ok.0, ok.1, "1234", ok.3, None).unwrap_err()), "shipping.postal_code");
        assert_eq!(field(Shipping::parse(ok.0, ok.1, "1234a", ok.3, None).unwrap_err()), "shipping.postal_code");
        assert_eq!(field(Shipping::parse(ok.0, ok.1, ok.2, " ", None).unwrap_err()), "shipping.address1");
        let long = "가".repeat(101);
        assert_eq!(field(Shipping::parse(ok.0, ok.1, ok.2, ok.3, Some(&long)).unwrap_err()), "shipping.address2");
    }
}
