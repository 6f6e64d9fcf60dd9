//! Payments that can be followed after a crash. `payment_attempts`: one row per try to pay an
//! order, written before the gateway is asked to charge, so a charge made by a process that then
//! died (or lost its database) is found and finished - the order paid or the charge refunded.
//! `test_gateway_charges`: the built-in test gateway's own ledger (a real provider keeps its own);
//! it lives here so that every process, and the invariant checker, sees the same charges.
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000005_create_orders::Orders;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaymentAttempts::Table)
                    .col(big_pk_auto(PaymentAttempts::Id))
                    .col(big_integer(PaymentAttempts::OrderId))
                    .col(string_len(PaymentAttempts::IdempotencyKey, 100))
                    .col(big_integer(PaymentAttempts::Amount))
                    .col(string_len(PaymentAttempts::Status, 20))
                    .col(string_len_null(PaymentAttempts::Reference, 200))
                    .col(timestamp_with_time_zone(PaymentAttempts::CreatedAt))
                    .col(timestamp_with_time_zone(PaymentAttempts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PaymentAttempts::Table, PaymentAttempts::OrderId)
                            .to(Orders::Table, Orders::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The reconciler reads the oldest unsettled attempts.
        manager
            .create_index(
                Index::create()
                    .name("idx_payment_attempts_status_created_at")
                    .table(PaymentAttempts::Table)
                    .col(PaymentAttempts::Status)
                    .col(PaymentAttempts::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_payment_attempts_order_id")
                    .table(PaymentAttempts::Table)
                    .col(PaymentAttempts::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TestGatewayCharges::Table)
                    // One charge per idempotency key: a retried charge is the same charge.
                    .col(string_len(TestGatewayCharges::IdempotencyKey, 100).primary_key())
                    .col(string_len(TestGatewayCharges::Reference, 200).unique_key())
                    .col(big_integer(TestGatewayCharges::OrderId))
                    .col(big_integer(TestGatewayCharges::Amount))
                    .col(boolean(TestGatewayCharges::RefundDeclined))
                    .col(timestamp_with_time_zone(TestGatewayCharges::CreatedAt))
                    .col(timestamp_with_time_zone_null(TestGatewayCharges::RefundedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TestGatewayCharges::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(PaymentAttempts::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum PaymentAttempts {
    Table,
    Id,
    OrderId,
    IdempotencyKey,
    Amount,
    Status,
    Reference,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum TestGatewayCharges {
    Table,
    IdempotencyKey,
    Reference,
    OrderId,
    Amount,
    RefundDeclined,
    CreatedAt,
    RefundedAt,
}
