use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000002_create_products::Products;
use crate::m20261127_000005_create_orders::Orders;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrderItems::Table)
                    .col(big_pk_auto(OrderItems::Id))
                    .col(big_integer(OrderItems::OrderId))
                    .col(big_integer(OrderItems::ProductId))
                    // Snapshots: what the shopper saw and paid, whatever the product becomes later.
                    .col(string_len(OrderItems::ProductName, 200))
                    .col(big_integer(OrderItems::UnitPrice))
                    .col(integer(OrderItems::Quantity).check(Expr::col(OrderItems::Quantity).between(1, 99)))
                    .col(big_integer(OrderItems::LineTotal))
                    .foreign_key(
                        ForeignKey::create().from(OrderItems::Table, OrderItems::OrderId).to(Orders::Table, Orders::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrderItems::Table, OrderItems::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in
            [("idx_order_items_order_id", OrderItems::OrderId), ("idx_order_items_product_id", OrderItems::ProductId)]
        {
            manager.create_index(Index::create().name(name).table(OrderItems::Table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrderItems::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum OrderItems {
    Table,
    Id,
    OrderId,
    ProductId,
    ProductName,
    UnitPrice,
    Quantity,
    LineTotal,
}
