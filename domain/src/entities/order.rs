//! The `orders` table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub status: contract::OrderStatus,
    pub cancel_reason: Option<contract::CancelReason>,
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
    pub user_coupon_id: Option<i64>,
    pub expires_at: DateTimeUtc,
    pub paid_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub idempotency_key: Option<String>,
    pub request_fingerprint: Option<String>,
    /// The shipping address, as given when the order was placed (all or none of the required ones).
    pub ship_recipient: Option<String>,
    pub ship_phone: Option<String>,
    pub ship_postal_code: Option<String>,
    pub ship_address1: Option<String>,
    pub ship_address2: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::UserId", to = "super::user::Column::Id")]
    User,
    #[sea_orm(has_many = "super::order_item::Entity")]
    Items,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::order_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Items.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
