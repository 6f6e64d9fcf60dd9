//! What admins read: every order, with its shopper and its timeline.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, LoaderTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Orders;
use super::views::OrderEventView;
use super::views::OrderView;
use crate::entities::{order, order_event, user};
use crate::error::{DomainError, DomainResult, Field};
use crate::paging::Page;
use crate::status::{CancelReason, OrderStatus, StatusFilter};
use crate::types::UserId;

use super::queries;

/// An order as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminOrder {
    pub order: OrderView,
    pub user_email: String,
}

/// Which orders an admin lists. Every field narrows the list; the default lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub status: Option<StatusFilter>,
    pub user_id: Option<UserId>,
    /// An order id ("1234" or "#1234"), or a piece of the shopper's email.
    pub search: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub created_before: Option<DateTime<Utc>>,
}

/// An admin's status filter (`contract::StatusFilter`) from its spelling; anything else is the
/// `status` field's error.
pub fn parse_status_filter(raw: &str) -> DomainResult<StatusFilter> {
    StatusFilter::parse(raw).ok_or_else(|| {
        DomainError::validation(
            Field::Status,
            "must be pending_payment, paid, cancelled, expired, by_customer, by_admin or refunded",
        )
    })
}

/// The orders a status filter lists.
fn condition(filter: StatusFilter) -> Condition {
    let cancelled = |reason: CancelReason| {
        Condition::all()
            .add(order::Column::Status.eq(OrderStatus::Cancelled))
            .add(order::Column::CancelReason.eq(reason))
    };
    match filter {
        StatusFilter::PendingPayment => Condition::all().add(order::Column::Status.eq(OrderStatus::PendingPayment)),
        StatusFilter::Paid => Condition::all().add(order::Column::Status.eq(OrderStatus::Paid)),
        StatusFilter::Cancelled => Condition::all().add(order::Column::Status.eq(OrderStatus::Cancelled)),
        StatusFilter::Expired => cancelled(CancelReason::Expired),
        StatusFilter::CancelledByCustomer => cancelled(CancelReason::ByCustomer),
        StatusFilter::CancelledByAdmin => cancelled(CancelReason::ByAdmin),
        StatusFilter::Refunded => Condition::all().add(order::Column::Status.eq(OrderStatus::Refunded)),
    }
}

/// How many orders are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub pending_payment: u64,
    pub paid: u64,
    pub expired: u64,
    pub cancelled_by_customer: u64,
    pub cancelled_by_admin: u64,
    pub refunded: u64,
}

impl Orders<'_> {
    /// Orders newest first, narrowed by `filter`, a page at a time.
    pub async fn admin_orders(self, filter: &OrderFilter, page: u64, per_page: u64) -> DomainResult<Page<AdminOrder>> {
        crate::paging::check_paging(page, per_page)?;
        let query = admin_orders_query(filter);
        let paginator = query.paginate(&self.ctx.db, per_page);
        let (total, orders) = tokio::try_join!(paginator.num_items(), paginator.fetch_page(page - 1))?;
        Ok(Page { items: self.with_emails(orders).await?, total })
    }

    /// Up to `limit` orders of `filter`, newest first, placed before the order `before_id` (the
    /// last of the previous batch; `None`: from the newest). An export walks the whole list this
    /// way, a batch at a time, whatever its size: each batch is one indexed range read.
    pub async fn admin_orders_batch(
        self,
        filter: &OrderFilter,
        before_id: Option<i64>,
        limit: u64,
    ) -> DomainResult<Vec<AdminOrder>> {
        let mut query = admin_orders_query(filter).limit(limit.clamp(1, 1_000));
        if let Some(id) = before_id {
            query = query.filter(order::Column::Id.lt(id));
        }
        let orders = query.all(&self.ctx.db).await?;
        self.with_emails(orders).await
    }

    /// The orders as admins see them: with their lines and their shoppers' emails.
    async fn with_emails(self, orders: Vec<order::Model>) -> DomainResult<Vec<AdminOrder>> {
        let shoppers = orders.load_one(user::Entity, &self.ctx.db).await?;
        Ok(queries::order_views(&self.ctx.db, orders)
            .await?
            .into_iter()
            .zip(shoppers)
            .map(|(order, u)| AdminOrder { user_email: u.map(|u| u.email).unwrap_or_default(), order })
            .collect())
    }

    /// Orders per state, over all orders (`since`: only those placed from then on).
    pub async fn status_counts(self, since: Option<DateTime<Utc>>) -> DomainResult<StatusCounts> {
        status_counts(&self.ctx.db, since).await
    }

    /// One order with its timeline, oldest event first.
    pub async fn admin_order(self, order_id: i64) -> DomainResult<(AdminOrder, Vec<OrderEventView>)> {
        let order = self.load_order(order_id).await?.ok_or(DomainError::NotFound)?;
        let user_email =
            user::Entity::find_by_id(order.user_id.0).one(&self.ctx.db).await?.map(|u| u.email).unwrap_or_default();
        let events = order_event::Entity::find()
            .filter(order_event::Column::OrderId.eq(order_id))
            .order_by_asc(order_event::Column::Id)
            .all(&self.ctx.db)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        Ok((AdminOrder { order, user_email }, events))
    }
}

/// The listing's query (newest first), without paging: `idx_orders_status_id` serves the status
/// filter and the order, `idx_orders_user_id_id` the shopper filter.
pub fn admin_orders_query(filter: &OrderFilter) -> sea_orm::Select<order::Entity> {
    let mut query = order::Entity::find().order_by_desc(order::Column::Id);
    if let Some(s) = filter.status {
        query = query.filter(condition(s));
    }
    if let Some(u) = filter.user_id {
        query = query.filter(order::Column::UserId.eq(u));
    }
    if let Some(from) = filter.created_from {
        query = query.filter(order::Column::CreatedAt.gte(from));
    }
    if let Some(before) = filter.created_before {
        query = query.filter(order::Column::CreatedAt.lt(before));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        match search.trim_start_matches('#').parse::<i64>() {
            Ok(id) => query = query.filter(order::Column::Id.eq(id)),
            Err(_) => {
                // Emails are stored lower-cased; the LIKE wildcards in the input are taken literally.
                let needle = search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                let shoppers = sea_orm::sea_query::Query::select()
                    .column(user::Column::Id)
                    .from(user::Entity)
                    .and_where(Expr::col(user::Column::Email).like(LikeExpr::new(format!("%{needle}%")).escape('\\')))
                    .to_owned();
                query = query.filter(order::Column::UserId.in_subquery(shoppers));
            }
        }
    }
    query
}

/// Orders per state, over all orders (`since`: only those placed from then on); the dashboard
/// reads it too.
pub(crate) async fn status_counts<C: sea_orm::ConnectionTrait>(
    db: &C,
    since: Option<DateTime<Utc>>,
) -> DomainResult<StatusCounts> {
    let mut query = order::Entity::find()
        .select_only()
        .column(order::Column::Status)
        .column(order::Column::CancelReason)
        .column_as(order::Column::Id.count(), "n")
        .group_by(order::Column::Status)
        .group_by(order::Column::CancelReason);
    if let Some(since) = since {
        query = query.filter(order::Column::CreatedAt.gte(since));
    }
    let rows: Vec<(OrderStatus, Option<CancelReason>, i64)> = query.into_tuple().all(db).await?;
    let mut counts = StatusCounts::default();
    for (status, reason, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match (status, reason) {
            (OrderStatus::PendingPayment, _) => counts.pending_payment += n,
            (OrderStatus::Paid, _) => counts.paid += n,
            (OrderStatus::Refunded, _) => counts.refunded += n,
            (OrderStatus::Cancelled, Some(CancelReason::Expired)) => counts.expired += n,
            (OrderStatus::Cancelled, Some(CancelReason::ByAdmin)) => counts.cancelled_by_admin += n,
            (OrderStatus::Cancelled, Some(CancelReason::ByCustomer) | None) => counts.cancelled_by_customer += n,
        }
    }
    Ok(counts)
}
