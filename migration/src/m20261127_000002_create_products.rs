use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(big_pk_auto(Products::Id))
                    .col(string_len(Products::Name, 200))
                    .col(text(Products::Description).default(""))
                    .col(big_integer(Products::Price).check(Expr::col(Products::Price).gte(0)))
                    // The last line of defence against overselling: the database refuses it.
                    .col(big_integer(Products::Stock).check(Expr::col(Products::Stock).gte(0)))
                    .col(
                        string_len(Products::Status, 16)
                            .check(Expr::col(Products::Status).is_in(["on_sale", "stopped"])),
                    )
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_status_id")
                    .table(Products::Table)
                    .col(Products::Status)
                    .col(Products::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Products::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Products {
    Table,
    Id,
    Name,
    Description,
    Price,
    Stock,
    Status,
    CreatedAt,
    UpdatedAt,
}
