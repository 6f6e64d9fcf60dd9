//! What the pages show, serializable for hydration. Built from the domain's views on the server.
use serde::{Deserialize, Serialize};

pub use contract::OrderState;

/// An order's state as its pages read it (a cancelled order that was not paid in time: expired).
#[cfg(feature = "ssr")]
pub fn order_state(o: &domain::orders::OrderView) -> OrderState {
    OrderState::of(o.status, o.cancel_reason)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub on_sale: bool,
    pub category: Option<CategoryTag>,
    /// The first is the main picture.
    pub images: Vec<Picture>,
    /// The option names and values, in order; empty for a product without options.
    pub options: Vec<OptionGroup>,
    /// Its variants (empty without options).
    pub variants: Vec<VariantChoice>,
}

/// One option of a product: its name and values, in the order the shop gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionGroup {
    pub name: String,
    pub values: Vec<String>,
}

/// One variant as the product page offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantChoice {
    pub id: i64,
    /// One value per option, in the options' order.
    pub values: Vec<String>,
    pub price: i64,
    pub stock: i64,
    pub on_sale: bool,
    pub sku: Option<String>,
}

impl VariantChoice {
    /// As shoppers read it: `블랙 / L`.
    pub fn label(&self) -> String {
        self.values.join(" / ")
    }

    pub fn buyable(&self) -> bool {
        self.on_sale && self.stock > 0
    }
}

impl ProductCard {
    pub fn has_options(&self) -> bool {
        !self.options.is_empty()
    }

    /// Whether the variants on sale cost different amounts (the price reads "from": ₩N~).
    pub fn price_varies(&self) -> bool {
        let mut prices = self.variants.iter().filter(|v| v.on_sale).map(|v| v.price);
        prices.next().is_some_and(|first| prices.any(|p| p != first))
    }

    /// Whether value `value` of option `index` can still be bought, given the values chosen for
    /// the options before it (`chosen[j]`, `None`: not chosen yet): a shopper picks 색상 first,
    /// and the sizes sold out in that colour are marked.
    pub fn value_available(&self, index: usize, value: &str, chosen: &[Option<String>]) -> bool {
        self.variants.iter().any(|v| {
            v.buyable()
                && v.values.get(index).is_some_and(|x| x == value)
                && chosen
                    .iter()
                    .take(index)
                    .enumerate()
                    .all(|(j, c)| c.as_ref().is_none_or(|c| v.values.get(j) == Some(c)))
        })
    }

    /// The variant with exactly these values, when every option has one.
    pub fn variant_with(&self, chosen: &[Option<String>]) -> Option<&VariantChoice> {
        if chosen.len() != self.options.len() || chosen.iter().any(Option::is_none) {
            return None;
        }
        self.variants.iter().find(|v| v.values.iter().zip(chosen).all(|(x, c)| c.as_ref() == Some(x)))
    }
}

/// A category as a link: `/?category={slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTag {
    pub slug: String,
    pub name: String,
}

/// A product picture: the large rendition and its thumbnail, with their sizes (so the page
/// reserves their space before they arrive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub id: i64,
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub thumb_url: String,
    pub thumb_width: i32,
    pub thumb_height: i32,
    pub alt: String,
}

#[cfg(feature = "ssr")]
impl From<domain::catalog::ProductView> for ProductCard {
    fn from(p: domain::catalog::ProductView) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            price: p.price,
            stock: p.stock,
            on_sale: p.status == domain::status::ProductStatus::OnSale,
            category: p.category.map(|c| CategoryTag { slug: c.slug, name: c.name }),
            images: p
                .images
                .into_iter()
                .map(|i| Picture {
                    id: i.id,
                    url: i.url,
                    width: i.width,
                    height: i.height,
                    thumb_url: i.thumbnail_url,
                    thumb_width: i.thumbnail_width,
                    thumb_height: i.thumbnail_height,
                    alt: i.alt,
                })
                .collect(),
            variants: p
                .variants
                .iter()
                .map(|v| VariantChoice {
                    id: v.id,
                    values: p.options.iter().map(|o| v.options.get(&o.name).cloned().unwrap_or_default()).collect(),
                    price: v.price,
                    stock: v.stock,
                    on_sale: v.status == domain::status::ProductStatus::OnSale,
                    sku: v.sku.clone(),
                })
                .collect(),
            options: p.options.into_iter().map(|o| OptionGroup { name: o.name, values: o.values }).collect(),
        }
    }
}

/// A category with how many products it has on sale, for the catalog's shelf links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelf {
    pub slug: String,
    pub name: String,
    pub count: u64,
}

/// What the shopper asked the catalog for, echoed back so links keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogAsk {
    pub q: String,
    pub category: String,
    pub sort: String,
}

impl CatalogAsk {
    /// `/?q=..&category=..&sort=..&page=N`, leaving out what is empty (and page 1).
    pub fn href(&self, page: u64) -> String {
        let mut parts = Vec::new();
        for (key, value) in [("q", &self.q), ("category", &self.category), ("sort", &self.sort)] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", crate::format::urlencode(value)));
            }
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() { "/".to_owned() } else { format!("/?{}", parts.join("&")) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub items: Vec<ProductCard>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub shelves: Vec<Shelf>,
    pub ask: CatalogAsk,
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
    /// The variant picked, for a product with options.
    pub variant_id: Option<i64>,
    pub name: String,
    /// Its option values: `블랙 / L`.
    pub options_label: Option<String>,
    /// The product's thumbnail, if it has a picture.
    pub picture: Option<String>,
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
    /// The address of the shopper's last order, to fill the form with.
    pub shipping: Option<ShippingAddress>,
}

/// A shipping address as the pages show and fill it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingAddress {
    pub recipient: String,
    pub phone: String,
    pub postal_code: String,
    pub address1: String,
    pub address2: String,
}

#[cfg(feature = "ssr")]
impl From<domain::types::Shipping> for ShippingAddress {
    fn from(s: domain::types::Shipping) -> Self {
        Self {
            recipient: s.recipient,
            phone: s.phone,
            postal_code: s.postal_code,
            address1: s.address1,
            address2: s.address2.unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub product_id: i64,
    pub name: String,
    /// The option values bought: `블랙 / L`.
    pub options_label: Option<String>,
    pub quantity: i64,
    pub unit_price: i64,
    pub line_total: i64,
}

#[cfg(feature = "ssr")]
impl From<domain::orders::OrderItemView> for OrderLineView {
    fn from(i: domain::orders::OrderItemView) -> Self {
        Self {
            product_id: i.product_id,
            name: i.product_name,
            options_label: i.options_label,
            quantity: i64::from(i.quantity),
            unit_price: i.unit_price,
            line_total: i.line_total,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<&domain::orders::OrderView> for Amounts {
    fn from(o: &domain::orders::OrderView) -> Self {
        Self { subtotal: o.subtotal, discount: o.discount, total: o.total }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: i64,
    pub state: OrderState,
    /// "Awaiting payment", "Paid", "Expired"... in the request's language.
    pub status_label: String,
    pub lines: Vec<OrderLineView>,
    pub amounts: Amounts,
    pub coupon_name: Option<String>,
    /// The payment deadline, milliseconds since the Unix epoch (for the live countdown).
    pub expires_at_ms: i64,
    /// The deadline's time of day in the shop's zone ("18:32 KST"), for the server-rendered page.
    pub pay_by: String,
    pub created_at: String,
    pub paid_at: Option<String>,
    pub cancelled_at: Option<String>,
    pub shipping: Option<ShippingAddress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: i64,
    pub state: OrderState,
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
