//! A placing request as the facade takes it (parsed at the edge), and as it waits for its batch.
use sha2::{Digest, Sha256};

use crate::types::{IdempotencyKey, OrderLines, Shipping};

/// A parsed placing request.
#[derive(Debug, Clone)]
pub struct PlaceOrder {
    pub lines: OrderLines,
    /// The issued coupon (user_coupon id) the shopper chose.
    pub coupon_id: Option<i64>,
    pub idempotency_key: Option<IdempotencyKey>,
    /// Where it goes; the storefront always sends one, the JSON API may not.
    pub shipping: Option<Shipping>,
}

impl PlaceOrder {
    /// Identifies the request body, to tell a retry from a different request with the same key.
    pub(crate) fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for l in self.lines.lines() {
            // The variant only when chosen: a retry of a request made before options still matches.
            match l.variant_id {
                None => h.update(format!("{}x{};", l.product_id, l.quantity)),
                Some(v) => h.update(format!("{}:{v}x{};", l.product_id, l.quantity)),
            }
        }
        h.update(format!("coupon={:?}", self.coupon_id));
        // Only when given, so a retry of a request made before addresses existed still matches.
        if let Some(s) = &self.shipping {
            h.update(format!("ship={s:?}"));
        }
        hex::encode(h.finalize())
    }
}

/// A placing request as it waits for its batch: who, what, and the request's fingerprint.
pub(crate) struct PlaceRequest {
    pub(crate) user_id: crate::types::UserId,
    pub(crate) order: PlaceOrder,
    pub(crate) fingerprint: String,
}
