//! The `worker_sweeps` table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "worker_sweeps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub worker: String,
    pub swept_at: DateTimeUtc,
    pub expired: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
