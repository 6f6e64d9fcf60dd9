//! The states of `docs/domain.md`, as the database stores them and clients read them: one enum
//! per kind of state, spelled once here. `as_str` is the stored and serialized spelling, `parse`
//! its inverse. With the `sea-orm` feature
//! each enum is a column type (stored as its spelling, read back through `FromStr`: a spelling
//! that names no state is an error, never a silent default); with `openapi`, a schema.
use serde::{Deserialize, Serialize};

/// A stored or sent spelling that names no state of the kind asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownState {
    pub kind: &'static str,
    pub text: String,
}

impl std::fmt::Display for UnknownState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a {}", self.text, self.kind)
    }
}

impl std::error::Error for UnknownState {}

/// One enum of states: its variants with their spellings, `ALL`, `as_str` and `parse`.
macro_rules! states {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveValueType), sea_orm(value_type = "String"))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling the database stores and the API sends.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The state a stored spelling names; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // By hand, not derived: utoipa's derive does not see a `serde(rename)` whose value comes
        // from this macro, and would list the variants' Rust names instead of their spellings.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl std::str::FromStr for $name {
            type Err = UnknownState;

            fn from_str(text: &str) -> Result<Self, UnknownState> {
                Self::parse(text).ok_or_else(|| UnknownState { kind: stringify!($name), text: text.to_owned() })
            }
        }
    };
}

states! {
    /// Where an order is: placed and waiting for payment, then paid, cancelled (see its
    /// `CancelReason`) or, after being paid, refunded.
    OrderStatus {
        PendingPayment = "pending_payment",
        Paid = "paid",
        Cancelled = "cancelled",
        Refunded = "refunded",
    }
}

states! {
    /// Why a cancelled order was cancelled.
    CancelReason {
        /// Not paid by its deadline: the expiry job or the sweep cancelled it.
        Expired = "expired",
        ByCustomer = "by_customer",
        ByAdmin = "by_admin",
    }
}

states! {
    /// An issued coupon (a shopper's own): free, held by a pending order, or spent on a paid one.
    CouponStatus {
        Available = "available",
        Reserved = "reserved",
        Used = "used",
    }
}

states! {
    /// An issued coupon as its holder reads it: an available one whose window has passed reads
    /// "expired" (that is never stored; the coupon's dates say it).
    CouponState {
        Available = "available",
        Reserved = "reserved",
        Used = "used",
        Expired = "expired",
    }
}

states! {
    /// How a coupon campaign discounts: a fixed amount, or a percentage of the goods.
    CouponKind {
        Fixed = "fixed",
        Percent = "percent",
    }
}

states! {
    /// A try to pay an order (`payment_attempts`): `charging` from before the gateway is asked
    /// until the outcome is written; the reconciler finishes attempts left `charging` by a crash.
    PaymentAttemptStatus {
        Charging = "charging",
        Paid = "paid",
        /// Charged, but the order could not be paid (it expired or was cancelled): given back.
        Refunded = "refunded",
        Declined = "declined",
        /// The gateway has no charge under the key: the process stopped before charging.
        NotCharged = "not_charged",
        /// Charged, the order not paid, and the gateway refused the refund: staff must act.
        RefundDeclined = "refund_declined",
    }
}

states! {
    /// Whether a product can be ordered.
    ProductStatus {
        OnSale = "on_sale",
        Stopped = "stopped",
    }
}

states! {
    Role {
        Shopper = "shopper",
        Admin = "admin",
    }
}

states! {
    /// What an order's timeline records.
    EventKind {
        Placed = "placed",
        CouponReserved = "coupon_reserved",
        ExpiryScheduled = "expiry_scheduled",
        ExpiryEnqueueFailed = "expiry_enqueue_failed",
        Paid = "paid",
        CouponUsed = "coupon_used",
        Cancelled = "cancelled",
        StockRestored = "stock_restored",
        CouponReleased = "coupon_released",
        Refunded = "refunded",
        /// Shop staff's internal note (the detail is `author: text`).
        Note = "note",
    }
}

states! {
    /// An order's state as shoppers and staff read it (its badge, its label, what the order page
    /// follows): a cancelled order that was not paid in time reads "expired".
    OrderState {
        PendingPayment = "pending_payment",
        Paid = "paid",
        Expired = "expired",
        Cancelled = "cancelled",
        Refunded = "refunded",
    }
}

impl OrderState {
    pub fn of(status: OrderStatus, cancel_reason: Option<CancelReason>) -> Self {
        match (status, cancel_reason) {
            (OrderStatus::PendingPayment, _) => Self::PendingPayment,
            (OrderStatus::Paid, _) => Self::Paid,
            (OrderStatus::Cancelled, Some(CancelReason::Expired)) => Self::Expired,
            (OrderStatus::Cancelled, _) => Self::Cancelled,
            (OrderStatus::Refunded, _) => Self::Refunded,
        }
    }
}

states! {
    /// The states an admin's order list filters by: the order states people read, with a
    /// cancelled order told apart by why it was cancelled (`cancelled` takes both).
    StatusFilter {
        PendingPayment = "pending_payment",
        Paid = "paid",
        /// Both kinds of cancelled, and expired.
        Cancelled = "cancelled",
        Expired = "expired",
        CancelledByCustomer = "by_customer",
        CancelledByAdmin = "by_admin",
        Refunded = "refunded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
    where
        T: Copy + PartialEq + std::fmt::Debug + Serialize + serde::de::DeserializeOwned,
    {
        for &state in all {
            let text = as_str(state);
            assert_eq!(parse(text), Some(state));
            assert_eq!(serde_json::to_string(&state).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<T>(&format!("\"{text}\"")).unwrap(), state);
        }
        assert_eq!(parse("no_such_state"), None);
    }

    #[test]
    fn every_state_is_spelled_once_and_read_back() {
        round_trips(OrderStatus::ALL, OrderStatus::as_str, OrderStatus::parse);
        round_trips(CancelReason::ALL, CancelReason::as_str, CancelReason::parse);
        round_trips(CouponStatus::ALL, CouponStatus::as_str, CouponStatus::parse);
        round_trips(ProductStatus::ALL, ProductStatus::as_str, ProductStatus::parse);
        round_trips(Role::ALL, Role::as_str, Role::parse);
        round_trips(EventKind::ALL, EventKind::as_str, EventKind::parse);
        round_trips(OrderState::ALL, OrderState::as_str, OrderState::parse);
        round_trips(CouponState::ALL, CouponState::as_str, CouponState::parse);
        round_trips(CouponKind::ALL, CouponKind::as_str, CouponKind::parse);
        round_trips(StatusFilter::ALL, StatusFilter::as_str, StatusFilter::parse);
        round_trips(PaymentAttemptStatus::ALL, PaymentAttemptStatus::as_str, PaymentAttemptStatus::parse);
    }

    #[test]
    fn an_order_cancelled_for_want_of_payment_reads_expired() {
        use CancelReason as R;
        assert_eq!(OrderState::of(OrderStatus::Cancelled, Some(R::Expired)), OrderState::Expired);
        assert_eq!(OrderState::of(OrderStatus::Cancelled, Some(R::ByAdmin)), OrderState::Cancelled);
        assert_eq!(OrderState::of(OrderStatus::Cancelled, Some(R::ByCustomer)), OrderState::Cancelled);
        assert_eq!(OrderState::of(OrderStatus::PendingPayment, None), OrderState::PendingPayment);
        assert_eq!(OrderState::of(OrderStatus::Paid, None), OrderState::Paid);
        assert_eq!(OrderState::of(OrderStatus::Refunded, None), OrderState::Refunded);
    }
}
