use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;
use crate::m20261127_000004_create_user_coupons::UserCoupons;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .col(big_pk_auto(Orders::Id))
                    .col(big_integer(Orders::UserId))
                    .col(string_len(Orders::Status, 20).check(Expr::col(Orders::Status).is_in([
                        "pending_payment",
                        "paid",
                        "cancelled",
                    ])))
                    .col(string_len_null(Orders::CancelReason, 20))
                    .col(big_integer(Orders::Subtotal))
                    .col(big_integer(Orders::Discount))
                    .col(big_integer(Orders::Total).check(Expr::col(Orders::Total).gte(0)))
                    .col(big_integer_null(Orders::UserCouponId))
                    .col(timestamp_with_time_zone(Orders::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Orders::PaidAt))
                    .col(timestamp_with_time_zone_null(Orders::CancelledAt))
                    .col(string_len_null(Orders::IdempotencyKey, 64))
                    .col(string_len_null(Orders::RequestFingerprint, 64))
                    .col(timestamp_with_time_zone(Orders::CreatedAt))
                    .col(timestamp_with_time_zone(Orders::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(Orders::Table, Orders::UserId).to(Users::Table, Users::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Orders::Table, Orders::UserCouponId)
                            .to(UserCoupons::Table, UserCoupons::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // NULL keys are distinct in both databases, so orders without a key never collide.
        let indexes = [
            ("uq_orders_user_idempotency_key", vec![Orders::UserId, Orders::IdempotencyKey], true),
            // The sweep: pending orders by deadline.
            ("idx_orders_status_expires_at", vec![Orders::Status, Orders::ExpiresAt], false),
            ("idx_orders_user_id_id", vec![Orders::UserId, Orders::Id], false),
            ("idx_orders_status_id", vec![Orders::Status, Orders::Id], false),
        ];
        for (name, cols, unique) in indexes {
            let mut index = Index::create().name(name).table(Orders::Table).to_owned();
            for col in cols {
                index.col(col);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Orders::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Orders {
    Table,
    Id,
    UserId,
    Status,
    CancelReason,
    Subtotal,
    Discount,
    Total,
    UserCouponId,
    ExpiresAt,
    PaidAt,
    CancelledAt,
    IdempotencyKey,
    RequestFingerprint,
    CreatedAt,
    UpdatedAt,
}
