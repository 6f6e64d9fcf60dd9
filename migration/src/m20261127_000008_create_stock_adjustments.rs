use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;
use crate::m20261127_000002_create_products::Products;

/// Every change of stock that is not an order: the initial stock and admin adjustments. With it the
/// stock-conservation invariant is checkable: sum(delta) = stock + units held by live orders.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StockAdjustments::Table)
                    .col(big_pk_auto(StockAdjustments::Id))
                    .col(big_integer(StockAdjustments::ProductId))
                    .col(big_integer(StockAdjustments::Delta))
                    .col(string_len(StockAdjustments::Reason, 200))
                    .col(big_integer_null(StockAdjustments::AdminUserId))
                    .col(timestamp_with_time_zone(StockAdjustments::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StockAdjustments::Table, StockAdjustments::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StockAdjustments::Table, StockAdjustments::AdminUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stock_adjustments_product_id")
                    .table(StockAdjustments::Table)
                    .col(StockAdjustments::ProductId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(StockAdjustments::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum StockAdjustments {
    Table,
    Id,
    ProductId,
    Delta,
    Reason,
    AdminUserId,
    At,
}
