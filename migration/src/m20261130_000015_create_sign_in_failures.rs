//! Failed sign-ins, counted per key (an email from one address, an address, an email) in a
//! window, in the database so that every server process shares one budget.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .col(string_len(SignInFailures::Key, 400).primary_key())
                    .col(integer(SignInFailures::Failures))
                    .col(timestamp_with_time_zone(SignInFailures::WindowStartedAt))
                    .col(timestamp_with_time_zone(SignInFailures::LastFailedAt))
                    .to_owned(),
            )
            .await?;
        // The sweep deletes rows whose window has passed.
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_failures_last_failed_at")
                    .table(SignInFailures::Table)
                    .col(SignInFailures::LastFailedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInFailures::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum SignInFailures {
    Table,
    Key,
    Failures,
    WindowStartedAt,
    LastFailedAt,
}
