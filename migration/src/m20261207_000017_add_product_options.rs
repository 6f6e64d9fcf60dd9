//! Product options (`docs/domain.md`, "Product options"): a product's option names and values, in
//! the order shoppers see them, and its variants - one value per option, each with its own price,
//! stock and status. A product without options keeps its stock on its own row, as before; a
//! product with options keeps it on its variants only (its own `stock` stays 0).
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;
use crate::m20261127_000002_create_products::Products;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `[{"name":"색상","values":["블랙","화이트"]}]`: a list, because the order is the admin's.
        manager
            .alter_table(
                Table::alter()
                    .table(Products::Table)
                    .add_column(text(ProductOptions::Options).default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductVariants::Table)
                    .col(big_pk_auto(ProductVariants::Id))
                    .col(big_integer(ProductVariants::ProductId))
                    // `[["색상","블랙"],["사이즈","L"]]`, in the product's option order.
                    .col(text(ProductVariants::Options))
                    // The values alone, joined: what makes two variants of a product the same.
                    .col(string_len(ProductVariants::Combination, 400))
                    .col(string_len_null(ProductVariants::Sku, 64))
                    .col(big_integer(ProductVariants::Price).check(Expr::col(ProductVariants::Price).gte(0)))
                    // As on products: the last line of defence against overselling.
                    .col(big_integer(ProductVariants::Stock).check(Expr::col(ProductVariants::Stock).gte(0)))
                    .col(
                        string_len(ProductVariants::Status, 16)
                            .check(Expr::col(ProductVariants::Status).is_in(["on_sale", "stopped"])),
                    )
                    .col(timestamp_with_time_zone(ProductVariants::CreatedAt))
                    .col(timestamp_with_time_zone(ProductVariants::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProductVariants::Table, ProductVariants::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_variants_combination")
                    .table(ProductVariants::Table)
                    .col(ProductVariants::ProductId)
                    .col(ProductVariants::Combination)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Unique where present: both databases let any number of rows leave it NULL.
        manager
            .create_index(
                Index::create()
                    .name("uq_product_variants_sku")
                    .table(ProductVariants::Table)
                    .col(ProductVariants::Sku)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Order lines and stock changes name the variant (NULL for a product without options).
        // No foreign key: SQLite cannot add one to an existing table, and variants are never
        // deleted (a variant with orders is stopped).
        manager
            .alter_table(
                Table::alter().table(OrderItems::Table).add_column(big_integer_null(OrderItems::VariantId)).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(OrderItems::Table).add_column(text_null(OrderItems::Options)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StockAdjustments::Table)
                    .add_column(big_integer_null(StockAdjustments::VariantId))
                    .to_owned(),
            )
            .await?;
        // A cart line is a product and, with options, its variant: two colours are two lines. The
        // key grows a column, which SQLite cannot alter into a key: the lines move to a new
        // table. No variant is 0 (a key column cannot be NULL).
        manager
            .create_table(
                Table::create()
                    .table(CartItems::Table)
                    .col(big_integer(CartItems::UserId))
                    .col(big_integer(CartItems::ProductId))
                    .col(big_integer(CartItems::VariantId).default(0))
                    .col(integer(CartItems::Quantity).check(Expr::col(CartItems::Quantity).between(1, 99)))
                    .col(integer(CartItems::Position))
                    .col(timestamp_with_time_zone(CartItems::UpdatedAt))
                    .primary_key(
                        Index::create().col(CartItems::UserId).col(CartItems::ProductId).col(CartItems::VariantId),
                    )
                    .foreign_key(
                        ForeignKey::create().from(CartItems::Table, CartItems::UserId).to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CartItems::Table, CartItems::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO cart_items (user_id, product_id, variant_id, quantity, position, updated_at) \
                 SELECT user_id, product_id, 0, quantity, position, updated_at FROM cart_lines",
            )
            .await?;
        manager.drop_table(Table::drop().table(CartLines::Table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProductVariants::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ProductOptions {
    Options,
}

#[derive(DeriveIden)]
enum ProductVariants {
    Table,
    Id,
    ProductId,
    Options,
    Combination,
    Sku,
    Price,
    Stock,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrderItems {
    Table,
    VariantId,
    Options,
}

#[derive(DeriveIden)]
enum StockAdjustments {
    Table,
    VariantId,
}

#[derive(DeriveIden)]
enum CartLines {
    Table,
}

#[derive(DeriveIden)]
enum CartItems {
    Table,
    UserId,
    ProductId,
    VariantId,
    Quantity,
    Position,
    UpdatedAt,
}
