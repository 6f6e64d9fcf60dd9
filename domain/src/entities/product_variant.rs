//! The `product_variants` table: one combination of a product's option values.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_variants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product_id: i64,
    /// `[[name, value], ...]` in the product's option order.
    pub options: String,
    /// The values joined: unique per product.
    pub combination: String,
    pub sku: Option<String>,
    pub price: i64,
    pub stock: i64,
    pub status: contract::ProductStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
