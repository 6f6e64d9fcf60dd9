use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;
use crate::m20261127_000003_create_coupons::Coupons;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserCoupons::Table)
                    .col(big_pk_auto(UserCoupons::Id))
                    .col(big_integer(UserCoupons::UserId))
                    .col(big_integer(UserCoupons::CouponId))
                    .col(string_len(UserCoupons::Status, 16).check(Expr::col(UserCoupons::Status).is_in([
                        "available",
                        "reserved",
                        "used",
                    ])))
                    // Not a foreign key: orders reference user_coupons, and the pair would be circular.
                    .col(big_integer_null(UserCoupons::OrderId))
                    .col(timestamp_with_time_zone(UserCoupons::IssuedAt))
                    .col(timestamp_with_time_zone(UserCoupons::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create().from(UserCoupons::Table, UserCoupons::UserId).to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserCoupons::Table, UserCoupons::CouponId)
                            .to(Coupons::Table, Coupons::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_user_coupons_user_coupon")
                    .table(UserCoupons::Table)
                    .col(UserCoupons::UserId)
                    .col(UserCoupons::CouponId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_coupons_coupon_status")
                    .table(UserCoupons::Table)
                    .col(UserCoupons::CouponId)
                    .col(UserCoupons::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(UserCoupons::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum UserCoupons {
    Table,
    Id,
    UserId,
    CouponId,
    Status,
    OrderId,
    IssuedAt,
    UpdatedAt,
}
