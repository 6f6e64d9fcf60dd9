//! Why a request was refused, as values every side matches on: which field of the input was
//! wrong (`validation_error`'s `field`), and which conflict stood in the way (`conflict`). The API
//! sends their spellings; the pages pick their words by variant, never by comparing text.
use serde::{Deserialize, Serialize};

/// A list of variants with their spellings, `ALL` and `as_str`.
macro_rules! spelled {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling the API sends.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

spelled! {
    /// A field of a request that was missing or wrong: `validation_error`'s `field`, spelled as
    /// the request spells it (a nested field with a dot, a header by its name).
    Field {
        Email = "email",
        Password = "password",
        Name = "name",
        Description = "description",
        Price = "price",
        Stock = "stock",
        Status = "status",
        Category = "category",
        Slug = "slug",
        Alt = "alt",
        File = "file",
        Q = "q",
        Sort = "sort",
        Page = "page",
        PerPage = "per_page",
        Items = "items",
        Quantity = "quantity",
        ProductId = "product_id",
        /// A product's option names and values, or a variant's choice of them.
        Options = "options",
        Variants = "variants",
        VariantId = "variant_id",
        Sku = "sku",
        Ids = "ids",
        Action = "action",
        Delta = "delta",
        Reason = "reason",
        Value = "value",
        MaxDiscount = "max_discount",
        MinOrderAmount = "min_order_amount",
        ValidUntil = "valid_until",
        UserId = "user_id",
        CouponId = "coupon_id",
        CardNumber = "card_number",
        Note = "note",
        IdempotencyKey = "idempotency_key",
        /// The `Idempotency-Key` header of `POST /api/v1/orders`.
        IdempotencyKeyHeader = "Idempotency-Key",
        ShippingRecipient = "shipping.recipient",
        ShippingPhone = "shipping.phone",
        ShippingPostalCode = "shipping.postal_code",
        ShippingAddress1 = "shipping.address1",
        ShippingAddress2 = "shipping.address2",
        /// The request's body as a whole (malformed JSON, a form that is not one).
        Body = "body",
        /// The query string as a whole.
        Query = "query",
    }
}

spelled! {
    /// What stood in the way of a request that was otherwise fine (`conflict`, 409).
    Conflict {
        EmailTaken = "email_taken",
        CampaignEnded = "campaign_ended",
        CampaignExhausted = "campaign_exhausted",
        CouponAlreadyClaimed = "coupon_already_claimed",
        CampaignAlreadyOver = "campaign_already_over",
        CategorySlugTaken = "category_slug_taken",
        StockChanged = "stock_changed",
        ImagesChanged = "images_changed",
        /// The product already has a variant with these option values.
        VariantExists = "variant_exists",
        SkuTaken = "sku_taken",
    }
}

impl Conflict {
    /// The API's `message` (English; the pages say it in the reader's language).
    pub const fn message(self) -> &'static str {
        match self {
            Self::EmailTaken => "this email is already registered",
            Self::CampaignEnded => "this campaign has ended",
            Self::CampaignExhausted => "no coupons of this campaign are left",
            Self::CouponAlreadyClaimed => "this coupon was already claimed",
            Self::CampaignAlreadyOver => "this campaign is already over",
            Self::CategorySlugTaken => "this category slug exists",
            Self::StockChanged => "stock changed meanwhile; reload and try again",
            Self::ImagesChanged => "the images changed meanwhile; reload and try again",
            Self::VariantExists => "the product already has a variant with these options",
            Self::SkuTaken => "this SKU is already used",
        }
    }
}

spelled! {
    /// Which limit a `rate_limited` (429) answer hit.
    Limit {
        /// Too many failed sign-ins (for this email, from this address, or both).
        SignIn = "sign_in",
        /// Too many sign-ups from one address.
        SignUp = "sign_up",
        /// Too many orders from one account, or from one address, in a short time.
        Placing = "placing",
    }
}

impl Limit {
    /// The API's `message` (English; the pages say it in the reader's language).
    pub const fn message(self) -> &'static str {
        match self {
            Self::SignIn => "too many failed sign-ins; try again later",
            Self::SignUp => "too many sign-ups from this address; try again later",
            Self::Placing => "too many orders in a short time; try again in a minute",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_unique_and_serialized_as_spelled() {
        let fields: std::collections::HashSet<_> = Field::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(fields.len(), Field::ALL.len());
        let conflicts: std::collections::HashSet<_> = Conflict::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(conflicts.len(), Conflict::ALL.len());
        assert_eq!(serde_json::to_string(&Field::ShippingPostalCode).unwrap(), "\"shipping.postal_code\"");
        assert_eq!(serde_json::to_string(&Conflict::EmailTaken).unwrap(), "\"email_taken\"");
    }
}
