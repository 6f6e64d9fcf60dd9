//! The record of every change of stock that no order made (`stock_adjustments`): a product's or a
//! variant's initial stock and the admin's changes, so stock conservation balances.
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::stock_adjustment;
use crate::error::DomainResult;
use crate::types::UserId;

/// Records a change of stock that no order made.
pub(super) async fn record_adjustment<C: ConnectionTrait>(
    db: &C,
    product_id: i64,
    variant_id: Option<i64>,
    delta: i64,
    reason: &str,
    admin_user_id: Option<UserId>,
    now: chrono::DateTime<chrono::Utc>,
) -> DomainResult<()> {
    stock_adjustment::Entity::insert(stock_adjustment::ActiveModel {
        product_id: Set(product_id),
        variant_id: Set(variant_id),
        delta: Set(delta),
        reason: Set(reason.to_owned()),
        admin_user_id: Set(admin_user_id.map(|u| u.0)),
        at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
