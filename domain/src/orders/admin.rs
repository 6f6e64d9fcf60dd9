//! What admins read: every order, with its shopper and its timeline.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entities::{order, order_event, user};
use crate::error::{DomainError, DomainResult};
use crate::facade::OrderFacade;
use crate::status;
use crate::views::{OrderEventView, OrderView, Page};

use super::queries;

/// An order as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminOrder {
    pub order: OrderView,
    pub user_email: String,
}

/// The status filter of the admin listing.
pub fn parse_status_filter(raw: &str) -> DomainResult<&'static str> {
    [status::order::PENDING_PAYMENT, status::order::PAID, status::order::CANCELLED]
        .into_iter()
        .find(|s| *s == raw)
        .ok_or_else(|| DomainError::validation("status", "must be pending_payment, paid or cancelled"))
}

impl OrderFacade {
    /// Orders newest first, optionally of one status and/or one shopper.
    pub async fn admin_orders(
        &self,
        status: Option<&'static str>,
        user_id: Option<i64>,
        page: u64,
        per_page: u64,
    ) -> DomainResult<Page<AdminOrder>> {
        crate::catalog::check_paging(page, per_page)?;
        let mut query = order::Entity::find().order_by_desc(order::Column::Id);
        if let Some(s) = status {
            query = query.filter(order::Column::Status.eq(s));
        }
        if let Some(u) = user_id {
            query = query.filter(order::Column::UserId.eq(u));
        }
        let paginator = query.paginate(&self.db, per_page);
        let total = paginator.num_items().await?;
        let orders = paginator.fetch_page(page - 1).await?;
        let user_ids: Vec<i64> = orders.iter().map(|o| o.user_id).collect();
        let emails: HashMap<i64, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect();
        let items = queries::order_views(&self.db, orders)
            .await?
            .into_iter()
            .map(|o| AdminOrder { user_email: emails.get(&o.user_id).cloned().unwrap_or_default(), order: o })
            .collect();
        Ok(Page { items, total })
    }

    /// One order with its timeline, oldest event first.
    pub async fn admin_order(&self, order_id: i64) -> DomainResult<(AdminOrder, Vec<OrderEventView>)> {
        let order = self.load_order(order_id).await?.ok_or(DomainError::NotFound)?;
        let user_email =
            user::Entity::find_by_id(order.user_id).one(&self.db).await?.map(|u| u.email).unwrap_or_default();
        let events = order_event::Entity::find()
            .filter(order_event::Column::OrderId.eq(order_id))
            .order_by_asc(order_event::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        Ok((AdminOrder { order, user_email }, events))
    }
}
