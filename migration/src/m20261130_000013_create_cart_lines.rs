//! A signed-in shopper's cart, kept with the account so it follows them to another browser.
//! (Visitors keep theirs in a cookie; signing in merges it into this one.)
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;
use crate::m20261127_000002_create_products::Products;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CartLines::Table)
                    .col(big_integer(CartLines::UserId))
                    .col(big_integer(CartLines::ProductId))
                    .col(integer(CartLines::Quantity).check(Expr::col(CartLines::Quantity).between(1, 99)))
                    // The order the lines were added in, which the cart shows.
                    .col(integer(CartLines::Position))
                    .col(timestamp_with_time_zone(CartLines::UpdatedAt))
                    .primary_key(Index::create().col(CartLines::UserId).col(CartLines::ProductId))
                    .foreign_key(
                        ForeignKey::create().from(CartLines::Table, CartLines::UserId).to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CartLines::Table, CartLines::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CartLines::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum CartLines {
    Table,
    UserId,
    ProductId,
    Quantity,
    Position,
    UpdatedAt,
}
