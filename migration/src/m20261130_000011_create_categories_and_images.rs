//! Categories, a product's category, and product images.
//!
//! Images live in the database (`media`: the bytes of one rendition, keyed by the SHA-256 of
//! those bytes), not on a disk: every server of a scaled-out shop then serves every image with
//! no shared volume to mount, and a backup of the database is a backup of the shop. Renditions
//! are small (a thumbnail and a large size, made once at upload), and browsers keep them for a
//! year (their URL changes when their bytes do).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(big_pk_auto(Categories::Id))
                    .col(string_len_uniq(Categories::Slug, 64))
                    .col(string_len(Categories::Name, 100))
                    .col(timestamp_with_time_zone(Categories::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key with ALTER TABLE through the query builder; both
        // databases accept this column definition with its reference.
        let add_category = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                "ALTER TABLE products ADD COLUMN category_id BIGINT NULL REFERENCES categories(id)"
            }
            _ => "ALTER TABLE products ADD COLUMN category_id INTEGER NULL REFERENCES categories(id)",
        };
        manager.get_connection().execute_unprepared(add_category).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_category_id")
                    .table(Products::Table)
                    .col(Products::CategoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Media::Table)
                    .col(string_len(Media::Hash, 64).primary_key())
                    .col(string_len(Media::ContentType, 32))
                    .col(integer(Media::Width))
                    .col(integer(Media::Height))
                    .col(blob(Media::Bytes))
                    .col(timestamp_with_time_zone(Media::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductImages::Table)
                    .col(big_pk_auto(ProductImages::Id))
                    .col(big_integer(ProductImages::ProductId))
                    .col(integer(ProductImages::Position))
                    .col(string_len(ProductImages::Alt, 200).default(""))
                    .col(string_len(ProductImages::ThumbHash, 64))
                    .col(integer(ProductImages::ThumbWidth))
                    .col(integer(ProductImages::ThumbHeight))
                    .col(string_len(ProductImages::LargeHash, 64))
                    .col(integer(ProductImages::LargeWidth))
                    .col(integer(ProductImages::LargeHeight))
                    .col(timestamp_with_time_zone(ProductImages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductImages::Table, ProductImages::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductImages::Table, ProductImages::ThumbHash)
                            .to(Media::Table, Media::Hash),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductImages::Table, ProductImages::LargeHash)
                            .to(Media::Table, Media::Hash),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_images_product_position")
                    .table(ProductImages::Table)
                    .col(ProductImages::ProductId)
                    .col(ProductImages::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProductImages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Media::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_products_category_id").table(Products::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Products::Table).drop_column(Products::CategoryId).to_owned()).await?;
        manager.drop_table(Table::drop().table(Categories::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    CategoryId,
}

#[derive(DeriveIden)]
enum Media {
    Table,
    Hash,
    ContentType,
    Width,
    Height,
    Bytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProductImages {
    Table,
    Id,
    ProductId,
    Position,
    Alt,
    ThumbHash,
    ThumbWidth,
    ThumbHeight,
    LargeHash,
    LargeWidth,
    LargeHeight,
    CreatedAt,
}
