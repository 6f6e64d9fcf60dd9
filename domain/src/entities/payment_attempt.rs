//! The `payment_attempts` table: one row per try to pay an order, written before the charge.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub order_id: i64,
    /// The order's key: every attempt of one order asks the gateway for the same charge.
    pub idempotency_key: String,
    pub amount: i64,
    /// `status::payment_attempt`: `charging` until settled, then `paid`, `refunded`, `declined`,
    /// `not_charged` or `refund_declined`.
    pub status: crate::status::PaymentAttemptStatus,
    pub reference: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
