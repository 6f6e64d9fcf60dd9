//! The `test_gateway_charges` table: the built-in test gateway's ledger.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "test_gateway_charges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idempotency_key: String,
    pub reference: String,
    pub order_id: i64,
    pub amount: i64,
    /// Made with the refund-declined test card: refunds of it are refused.
    pub refund_declined: bool,
    pub created_at: DateTimeUtc,
    pub refunded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
