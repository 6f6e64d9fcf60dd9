//! The admin's stock adjustments of a product without options (with a reason), each recorded
//! in `stock_adjustments` (`stock_log.rs`) so that stock conservation balances.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::Catalog;
use super::stock_log::record_adjustment;
use super::views::{ProductView, one_view};
use crate::entities::product;
use crate::error::{DomainError, DomainResult, Field};
use crate::types::UserId;

impl Catalog<'_> {
    /// Adds `delta` units (negative removes) with a reason; stock never goes below 0.
    #[tracing::instrument(skip(self))]
    pub async fn adjust_stock(
        self,
        product_id: i64,
        delta: i64,
        reason: &str,
        admin_user_id: Option<UserId>,
    ) -> DomainResult<ProductView> {
        let reason = crate::types::clean_text(Field::Reason, reason, 200, false)?;
        if reason.is_empty() {
            return Err(DomainError::validation(Field::Reason, "must be 1 to 200 characters"));
        }
        if delta == 0 || delta.abs() > 1_000_000_000 {
            return Err(DomainError::validation(Field::Delta, "must be a non-zero number of units"));
        }
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        // A product with options keeps its stock on its variants (`update_variant`).
        let options = product::Entity::find_by_id(product_id)
            .select_only()
            .column(product::Column::Options)
            .into_tuple::<String>()
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
        if options != product::NO_OPTIONS {
            return Err(DomainError::validation(Field::Delta, "a product with options changes stock per variant"));
        }
        let res = product::Entity::update_many()
            .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).add(delta))
            .col_expr(product::Column::UpdatedAt, Expr::value(now))
            .filter(product::Column::Id.eq(product_id))
            .filter(Expr::col(product::Column::Stock).add(delta).gte(0))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            txn.rollback().await?;
            self.product(product_id).await?;
            return Err(DomainError::validation(Field::Delta, "stock cannot go below 0"));
        }
        record_adjustment(&txn, product_id, None, delta, &reason, admin_user_id, now).await?;
        let updated = product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        let view = one_view(&txn, updated).await?;
        txn.commit().await?;
        Ok(view)
    }
}
