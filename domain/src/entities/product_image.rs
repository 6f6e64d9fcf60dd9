//! The `product_images` table: a product's pictures in the order shown (the first is the main
//! one), each with a thumbnail and a large rendition in `media`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_images")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product_id: i64,
    pub position: i32,
    pub alt: String,
    pub thumb_hash: String,
    pub thumb_width: i32,
    pub thumb_height: i32,
    pub large_hash: String,
    pub large_width: i32,
    pub large_height: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
