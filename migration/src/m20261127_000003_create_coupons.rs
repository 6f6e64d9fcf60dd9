use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Coupons::Table)
                    .col(big_pk_auto(Coupons::Id))
                    .col(string_len(Coupons::Name, 200))
                    .col(string_len(Coupons::Kind, 16).check(Expr::col(Coupons::Kind).is_in(["fixed", "percent"])))
                    .col(big_integer(Coupons::Value).check(Expr::col(Coupons::Value).gt(0)))
                    .col(big_integer_null(Coupons::MaxDiscount))
                    .col(big_integer(Coupons::MinOrderAmount).default(0))
                    .col(timestamp_with_time_zone(Coupons::ValidFrom))
                    .col(timestamp_with_time_zone_null(Coupons::ValidUntil))
                    // NULL quantity: unlimited campaign.
                    .col(big_integer_null(Coupons::Quantity))
                    .col(big_integer(Coupons::IssuedCount).default(0))
                    .check((
                        "chk_coupons_issued_within_quantity",
                        Expr::col(Coupons::Quantity)
                            .is_null()
                            .or(Expr::col(Coupons::IssuedCount).lte(Expr::col(Coupons::Quantity))),
                    ))
                    .col(timestamp_with_time_zone(Coupons::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Coupons::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Coupons {
    Table,
    Id,
    Name,
    Kind,
    Value,
    MaxDiscount,
    MinOrderAmount,
    ValidFrom,
    ValidUntil,
    Quantity,
    IssuedCount,
    CreatedAt,
}
