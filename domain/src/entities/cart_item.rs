//! The `cart_items` table: a signed-in shopper's cart, one row a product (and variant).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cart_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i64,
    /// The variant chosen; 0 for a product without options (a key column cannot be NULL).
    #[sea_orm(primary_key, auto_increment = false)]
    pub variant_id: i64,
    pub quantity: i32,
    pub position: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
