//! What an admin does to many products at once from the products table: stop selling them, put
//! them on sale, or move them to a category. All or nothing: one transaction, one statement.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::Catalog;
use crate::entities::product;
use crate::error::{DomainError, DomainResult, Field};
use crate::status::ProductStatus;

/// At most one table page of products per action.
pub const MAX_BULK: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    StopSelling,
    PutOnSale,
    /// A category slug; `None` takes them off every shelf.
    SetCategory(Option<String>),
}

impl BulkAction {
    /// `stop`, `on_sale`, or `category` with `category` a slug (empty: none).
    pub fn parse(action: &str, category: Option<&str>) -> DomainResult<Self> {
        match action {
            "stop" => Ok(Self::StopSelling),
            "on_sale" => Ok(Self::PutOnSale),
            "category" => Ok(Self::SetCategory(category.filter(|c| !c.is_empty()).map(super::parse_slug).transpose()?)),
            _ => Err(DomainError::validation(Field::Action, "must be stop, on_sale or category")),
        }
    }
}

impl Catalog<'_> {
    /// Applies `action` to every product in `ids`; `not_found` (and nothing changed) when one of
    /// them does not exist. Returns how many products changed.
    #[tracing::instrument(skip(self))]
    pub async fn bulk_update_products(self, ids: &[i64], action: BulkAction) -> DomainResult<u64> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() || ids.len() > MAX_BULK {
            return Err(DomainError::validation(Field::Ids, format!("choose 1 to {MAX_BULK} products")));
        }
        let txn = self.ctx.begin_write().await?;
        let mut update = product::Entity::update_many()
            .col_expr(product::Column::UpdatedAt, Expr::value(self.ctx.clock.now()))
            .filter(product::Column::Id.is_in(ids.iter().copied()));
        update = match &action {
            BulkAction::StopSelling => update.col_expr(product::Column::Status, Expr::value(ProductStatus::Stopped)),
            BulkAction::PutOnSale => update.col_expr(product::Column::Status, Expr::value(ProductStatus::OnSale)),
            BulkAction::SetCategory(slug) => {
                let id = super::categories::category_id(&txn, slug.as_deref()).await?;
                update.col_expr(product::Column::CategoryId, Expr::value(id))
            }
        };
        let res = update.exec(&txn).await?;
        if res.rows_affected != ids.len() as u64 {
            txn.rollback().await?;
            return Err(DomainError::NotFound);
        }
        txn.commit().await?;
        Ok(res.rows_affected)
    }
}
