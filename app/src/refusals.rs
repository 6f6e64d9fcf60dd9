//! The words for a refusal's field or conflict (`contract::Field`, `contract::Conflict`), chosen
//! by variant: an exhaustive match, so a new field or conflict does not compile until it has its
//! words, and a test reads every one in Korean and English.
use contract::{Conflict, Field, Limit};

/// The message key of a conflict, as a shopper or an admin reads it.
pub fn conflict_key(conflict: Conflict) -> &'static str {
    match conflict {
        Conflict::EmailTaken => "error-email-taken",
        Conflict::CampaignEnded => "error-campaign-ended",
        Conflict::CampaignExhausted => "error-campaign-exhausted",
        Conflict::CouponAlreadyClaimed => "error-coupon-claimed",
        Conflict::CampaignAlreadyOver => "error-campaign-over",
        Conflict::CategorySlugTaken => "error-category-slug-taken",
        Conflict::StockChanged => "error-stock-changed",
        Conflict::ImagesChanged => "error-images-changed",
        Conflict::VariantExists => "error-variant-exists",
        Conflict::SkuTaken => "error-sku-taken",
    }
}

/// The message key of a rate limit reached.
pub fn limit_key(limit: Limit) -> &'static str {
    match limit {
        Limit::SignIn => "error-rate-limited",
        Limit::SignUp => "error-rate-limited-sign-up",
        Limit::Placing => "error-rate-limited-placing",
    }
}

/// What a field is called on the forms, for a refusal that names it.
pub fn field_key(field: Field) -> &'static str {
    match field {
        Field::Email => "field-email",
        Field::Password => "field-password",
        Field::Name => "field-name",
        Field::Description => "field-description",
        Field::Price => "field-price",
        Field::Stock => "field-stock",
        Field::Status => "field-status",
        Field::Category => "field-category",
        Field::Slug => "field-slug",
        Field::Alt => "field-alt",
        Field::File => "field-file",
        Field::Q => "field-q",
        Field::Sort => "field-sort",
        Field::Page => "field-page",
        Field::PerPage => "field-per-page",
        Field::Items => "field-items",
        Field::Quantity => "field-quantity",
        Field::ProductId => "field-product",
        Field::Options => "field-options",
        Field::Variants => "field-variants",
        Field::VariantId => "field-variant",
        Field::Sku => "field-sku",
        Field::Ids => "field-ids",
        Field::Action => "field-action",
        Field::Delta => "field-delta",
        Field::Reason => "field-reason",
        Field::Value => "field-value",
        Field::MaxDiscount => "field-max-discount",
        Field::MinOrderAmount => "field-min-order-amount",
        Field::ValidUntil => "field-valid-until",
        Field::UserId => "field-user",
        Field::CouponId => "field-coupon",
        Field::CardNumber => "field-card-number",
        Field::Note => "field-note",
        Field::IdempotencyKey | Field::IdempotencyKeyHeader => "field-idempotency-key",
        Field::ShippingRecipient => "field-ship-recipient",
        Field::ShippingPhone => "field-ship-phone",
        Field::ShippingPostalCode => "field-ship-postal-code",
        Field::ShippingAddress1 => "field-ship-address1",
        Field::ShippingAddress2 => "field-ship-address2",
        Field::Body => "field-body",
        Field::Query => "field-query",
    }
}

/// The sentence a refusal of `field` reads as, when the field has one of its own (the shopper's
/// forms: sign-up and the shipping address); others read "the form is invalid (field: detail)".
pub fn field_sentence_key(field: Field) -> Option<&'static str> {
    match field {
        Field::Email => Some("error-invalid-email"),
        Field::Password => Some("error-invalid-password"),
        Field::ShippingRecipient => Some("error-ship-recipient"),
        Field::ShippingPhone => Some("error-ship-phone"),
        Field::ShippingPostalCode => Some("error-ship-postal-code"),
        Field::ShippingAddress1 => Some("error-ship-address1"),
        Field::ShippingAddress2 => Some("error-ship-address2"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// A missing message reads as its key; every variant must have real words in both languages.
    #[test]
    fn every_field_and_conflict_has_korean_and_english_words() {
        for lang in [Lang::Ko, Lang::En] {
            for &c in Conflict::ALL {
                let key = conflict_key(c);
                assert_ne!(lang.text(key), key, "{c:?} has no {lang:?} words");
            }
            for &l in Limit::ALL {
                let key = limit_key(l);
                assert_ne!(lang.text(key), key, "{l:?} has no {lang:?} words");
            }
            for &f in Field::ALL {
                let key = field_key(f);
                assert_ne!(lang.text(key), key, "{f:?} has no {lang:?} name");
                if let Some(key) = field_sentence_key(f) {
                    assert_ne!(lang.text(key), key, "{f:?}'s sentence is missing in {lang:?}");
                }
            }
        }
        assert_ne!(Lang::Ko.text("field-email"), Lang::En.text("field-email"));
    }
}
