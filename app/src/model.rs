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
