//! The admin dashboard's figures, and the sweep record it reads.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, LoaderTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::Operations;
use crate::catalog::ProductView;
use crate::entities::{order, product, user, worker_sweep};
use crate::error::DomainResult;
use crate::orders::StatusCounts;
use crate::status::{OrderStatus, ProductStatus};

/// Products at or below this stock count as low on the dashboard.
pub const LOW_STOCK: i64 = 5;
/// Pending orders whose deadline is this close are "near expiry".
pub const NEAR_EXPIRY: Duration = Duration::minutes(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearExpiry {
    pub order_id: i64,
    pub user_email: String,
    pub total: i64,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub now: DateTime<Utc>,
    /// Orders placed since the day began, by state.
    pub today: StatusCounts,
    /// Sum of the totals of orders paid (and not refunded) since the day began.
    pub revenue_today: i64,
    /// The same since the week began.
    pub revenue_week: i64,
    /// Pending orders closest to their deadline (at most 10).
    pub near_expiry: Vec<NearExpiry>,
    /// On-sale products with little or no stock, fewest first (at most 10).
    pub low_stock: Vec<ProductView>,
    /// The latest sweep of any worker, and how many orders it expired.
    pub last_sweep: Option<(DateTime<Utc>, i64)>,
    /// Workers that swept in the last 5 minutes, with when they last did.
    pub live_workers: Vec<(String, DateTime<Utc>)>,
    /// Pending orders: each has an expiry job waiting in the queue (or the sweep as a fallback).
    pub awaiting_expiry: u64,
    /// Pending orders already past their deadline: above 0 for longer than a sweep interval
    /// means the workers are behind or down.
    pub overdue: u64,
}

impl Operations<'_> {
    /// Records that `worker` just swept and expired `expired` orders; forgets workers silent
    /// for a day (each restart is a new process).
    pub async fn record_sweep(self, worker: &str, expired: u64) -> DomainResult<()> {
        let now = self.ctx.clock.now();
        worker_sweep::Entity::delete_many()
            .filter(worker_sweep::Column::SweptAt.lt(now - Duration::days(1)))
            .exec(&self.ctx.db)
            .await?;
        worker_sweep::Entity::insert(worker_sweep::ActiveModel {
            worker: Set(worker.chars().take(100).collect()),
            swept_at: Set(now),
            expired: Set(i64::try_from(expired).unwrap_or(i64::MAX)),
        })
        .on_conflict(
            OnConflict::column(worker_sweep::Column::Worker)
                .update_columns([worker_sweep::Column::SweptAt, worker_sweep::Column::Expired])
                .to_owned(),
        )
        .exec_without_returning(&self.ctx.db)
        .await?;
        Ok(())
    }

    /// The dashboard with days and weeks in UTC (the pages pass the shop's own, see
    /// [`Self::dashboard_from`]).
    pub async fn dashboard(self) -> DomainResult<Dashboard> {
        use chrono::Datelike;
        let now = self.ctx.clock.now();
        let midnight = now.date_naive().and_hms_opt(0, 0, 0).map_or(now, |m| m.and_utc());
        let monday = midnight - Duration::days(i64::from(now.weekday().num_days_from_monday()));
        self.dashboard_from(midnight, monday).await
    }

    /// Paid sales since `since` (refunded orders are no sales).
    async fn revenue_since(self, since: DateTime<Utc>) -> DomainResult<i64> {
        Ok(order::Entity::find()
            .select_only()
            // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back so both databases give an i64.
            .column_as(Expr::cust("CAST(SUM(total) AS BIGINT)"), "revenue")
            .filter(order::Column::Status.eq(OrderStatus::Paid))
            .filter(order::Column::PaidAt.gte(since))
            .into_tuple::<Option<i64>>()
            .one(&self.ctx.db)
            .await?
            .flatten()
            .unwrap_or(0))
    }

    /// The dashboard, "today" starting at `day_start` and "this week" at `week_start` (the shop's
    /// midnight and Monday, in its own time zone).
    pub async fn dashboard_from(self, day_start: DateTime<Utc>, week_start: DateTime<Utc>) -> DomainResult<Dashboard> {
        let now = self.ctx.clock.now();
        let today = crate::orders::status_counts(&self.ctx.db, Some(day_start)).await?;
        let revenue_today = self.revenue_since(day_start).await?;
        let revenue_week = self.revenue_since(week_start).await?;
        let pending = || order::Entity::find().filter(order::Column::Status.eq(OrderStatus::PendingPayment));
        let soon = pending()
            .filter(order::Column::ExpiresAt.lte(now + NEAR_EXPIRY))
            .order_by_asc(order::Column::ExpiresAt)
            .limit(10)
            .all(&self.ctx.db)
            .await?;
        let shoppers = soon.load_one(user::Entity, &self.ctx.db).await?;
        let near_expiry = soon
            .into_iter()
            .zip(shoppers)
            .map(|(o, u)| NearExpiry {
                order_id: o.id,
                user_email: u.map(|u| u.email).unwrap_or_default(),
                total: o.total,
                expires_at: o.expires_at,
            })
            .collect();
        let low_stock = product::Entity::find()
            .filter(product::Column::Status.eq(ProductStatus::OnSale))
            .filter(product::Column::Stock.lte(LOW_STOCK))
            // A product with options keeps its stock on its variants (its own row says 0).
            .filter(product::Column::Options.eq(product::NO_OPTIONS))
            .order_by_asc(product::Column::Stock)
            .order_by_asc(product::Column::Id)
            .limit(10)
            .all(&self.ctx.db)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        let sweeps =
            worker_sweep::Entity::find().order_by_desc(worker_sweep::Column::SweptAt).all(&self.ctx.db).await?;
        let last_sweep = sweeps.first().map(|s| (s.swept_at, s.expired));
        let live_workers = sweeps
            .iter()
            .filter(|s| s.swept_at >= now - Duration::minutes(5))
            .map(|s| (s.worker.clone(), s.swept_at))
            .collect();
        Ok(Dashboard {
            now,
            today,
            revenue_today,
            revenue_week,
            near_expiry,
            low_stock,
            last_sweep,
            live_workers,
            awaiting_expiry: pending().count(&self.ctx.db).await?,
            overdue: pending().filter(order::Column::ExpiresAt.lt(now)).count(&self.ctx.db).await?,
        })
    }
}
