use sea_orm_migration::{prelude::*, schema::*};

/// One row per worker process: when it last swept and how many orders that sweep expired. The
/// admin dashboard shows the latest sweep and which workers swept recently.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkerSweeps::Table)
                    .col(string_len(WorkerSweeps::Worker, 100).primary_key())
                    .col(timestamp_with_time_zone(WorkerSweeps::SweptAt))
                    .col(big_integer(WorkerSweeps::Expired))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(WorkerSweeps::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum WorkerSweeps {
    Table,
    Worker,
    SweptAt,
    Expired,
}
