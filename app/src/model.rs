//! What the pages show, serializable for hydration. Built from the domain's views on the server.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub on_sale: bool,
}

#[cfg(feature = "ssr")]
impl From<domain::views::ProductView> for ProductCard {
    fn from(p: domain::views::ProductView) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            price: p.price,
            stock: p.stock,
            on_sale: p.status == domain::status::product::ON_SALE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub items: Vec<ProductCard>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Who is browsing, for the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub email: Option<String>,
    pub is_admin: bool,
    /// Units in the cart.
    pub cart_units: i64,
}

/// A cart line priced from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: i64,
    pub name: String,
    pub unit_price: i64,
    pub quantity: i64,
    pub line_total: i64,
    /// What stands in the way of ordering this line now ("Only 2 left", "Sold out", ...).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLine>,
    pub subtotal: i64,
}

/// One of the shopper's coupons at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponOption {
    /// The issued coupon's id (what an order refers to).
    pub id: i64,
    pub name: String,
    /// The discount it gives on this cart, when usable.
    pub discount: Option<i64>,
    /// Why it cannot be used, in words, when not.
    pub unusable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub cart: CartView,
    pub coupons: Vec<CouponOption>,
    pub selected_coupon: Option<i64>,
    /// The domain's quote for this cart and coupon, or why it cannot be placed as it is.
    pub quote: Result<Amounts, crate::error::ShopError>,
    /// Sent with "Place order": a double click or a retry places one order.
    pub idempotency_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub product_id: i64,
    pub name: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub line_total: i64,
}

#[cfg(feature = "ssr")]
impl From<domain::views::OrderItemView> for OrderLineView {
    fn from(i: domain::views::OrderItemView) -> Self {
        Self {
            product_id: i.product_id,
            name: i.product_name,
            quantity: i64::from(i.quantity),
            unit_price: i.unit_price,
            line_total: i.line_total,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<&domain::views::OrderView> for Amounts {
    fn from(o: &domain::views::OrderView) -> Self {
        Self { subtotal: o.subtotal, discount: o.discount, total: o.total }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: i64,
    /// `pending_payment`, `paid` or `cancelled`.
    pub status: String,
    /// "Awaiting payment", "Paid", "Expired" or "Cancelled".
    pub status_label: String,
    pub lines: Vec<OrderLineView>,
    pub amounts: Amounts,
    pub coupon_name: Option<String>,
    /// The payment deadline, milliseconds since the Unix epoch (for the live countdown).
    pub expires_at_ms: i64,
    pub created_at: String,
    pub paid_at: Option<String>,
    pub cancelled_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: i64,
    pub status: String,
    pub status_label: String,
    pub total: i64,
    pub units: i64,
    pub created_at: String,
}

/// A coupon the shopper holds, for "My coupons".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldCoupon {
    pub id: i64,
    pub name: String,
    pub status_label: String,
    pub valid_until: Option<String>,
    pub order_id: Option<i64>,
}

/// A campaign the shopper can still claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub left: i64,
    pub valid_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponsView {
    pub held: Vec<HeldCoupon>,
    pub claimable: Vec<Campaign>,
}
