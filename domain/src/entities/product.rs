//! The `products` table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub status: contract::ProductStatus,
    pub category_id: Option<i64>,
    /// The option names and values, in order (`catalog::Options`); `[]` for a product without.
    pub options: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// The `options` of a product without options (the column's default, and what an empty
/// `catalog::Options` writes): comparing with it answers "has options?" without parsing the JSON.
pub const NO_OPTIONS: &str = "[]";

impl Model {
    pub fn has_options(&self) -> bool {
        self.options != NO_OPTIONS
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
