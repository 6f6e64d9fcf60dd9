//! The `user_coupons` table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_coupons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub coupon_id: i64,
    pub status: contract::CouponStatus,
    pub order_id: Option<i64>,
    pub issued_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The campaign it was issued from (its terms).
    #[sea_orm(belongs_to = "super::coupon::Entity", from = "Column::CouponId", to = "super::coupon::Column::Id")]
    Coupon,
}

impl Related<super::coupon::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Coupon.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
