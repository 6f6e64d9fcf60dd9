//! The shipping address an order was placed with: a snapshot, optional (the JSON API does not
//! require one; the storefront does).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [Orders; 5] =
    [Orders::ShipRecipient, Orders::ShipPhone, Orders::ShipPostalCode, Orders::ShipAddress1, Orders::ShipAddress2];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in COLUMNS {
            manager
                .alter_table(Table::alter().table(Orders::Table).add_column(string_len_null(column, 100)).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table(Orders::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Orders {
    Table,
    ShipRecipient,
    ShipPhone,
    ShipPostalCode,
    ShipAddress1,
    ShipAddress2,
}
