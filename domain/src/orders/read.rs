//! Reading a shopper's orders.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Orders;
use super::views::OrderView;
use crate::entities::order;
use crate::error::{DomainError, DomainResult};
use crate::paging::Page;

use super::queries;
use crate::types::UserId;

impl Orders<'_> {
    /// One of the caller's orders.
    pub async fn order_for(self, user_id: UserId, order_id: i64) -> DomainResult<OrderView> {
        self.own_order(user_id, order_id).await?;
        self.load_order(order_id).await?.ok_or(DomainError::NotFound)
    }

    /// The caller's orders, newest first.
    pub async fn orders_of(self, user_id: UserId) -> DomainResult<Page<OrderView>> {
        let orders = order::Entity::find()
            .filter(order::Column::UserId.eq(user_id))
            .order_by_desc(order::Column::Id)
            .all(&self.ctx.db)
            .await?;
        let total = orders.len() as u64;
        Ok(Page { items: queries::order_views(&self.ctx.db, orders).await?, total })
    }

    /// The address of the shopper's latest order that had one: checkout offers it again.
    pub async fn last_shipping(self, user_id: UserId) -> DomainResult<Option<crate::types::Shipping>> {
        let latest = order::Entity::find()
            .filter(order::Column::UserId.eq(user_id))
            .filter(order::Column::ShipRecipient.is_not_null())
            .order_by_desc(order::Column::Id)
            .one(&self.ctx.db)
            .await?;
        Ok(latest.and_then(|o| OrderView::new(o, Vec::new()).shipping))
    }
}
