//! Issuing a campaign's coupons: a shopper claims one (first come, first served) or staff issue
//! one; and the coupons a shopper holds.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Coupons;
use super::views::IssuedCouponView;
use crate::entities::{coupon, user, user_coupon};
use crate::error::{Conflict, DomainError, DomainResult, Field};
use crate::status::CouponStatus;
use crate::types::UserId;

impl Coupons<'_> {
    /// The shopper claims one coupon of a campaign: first come, first served, never more than the
    /// campaign's quantity, one per shopper.
    #[tracing::instrument(skip(self))]
    pub async fn claim_coupon(self, user_id: UserId, coupon_id: i64) -> DomainResult<IssuedCouponView> {
        self.issue_to(user_id, coupon_id).await
    }

    /// An admin issues a coupon of a campaign to a shopper (counted against the quantity too).
    #[tracing::instrument(skip(self))]
    pub async fn issue_coupon(self, coupon_id: i64, user_id: UserId) -> DomainResult<IssuedCouponView> {
        if user::Entity::find_by_id(user_id.0).one(&self.ctx.db).await?.is_none() {
            return Err(DomainError::validation(Field::UserId, "no such user"));
        }
        self.issue_to(user_id, coupon_id).await
    }

    async fn issue_to(self, user_id: UserId, coupon_id: i64) -> DomainResult<IssuedCouponView> {
        let now = self.ctx.clock.now();
        let campaign = coupon::Entity::find_by_id(coupon_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        if campaign.valid_until.is_some_and(|u| u <= now) {
            return Err(DomainError::Conflict(Conflict::CampaignEnded));
        }
        let txn = self.ctx.begin_write().await?;
        // The counter is the gate: it only moves while below the quantity.
        let counted = coupon::Entity::update_many()
            .col_expr(coupon::Column::IssuedCount, Expr::col(coupon::Column::IssuedCount).add(1))
            .filter(coupon::Column::Id.eq(coupon_id))
            .filter(
                Condition::any()
                    .add(coupon::Column::Quantity.is_null())
                    .add(Expr::col(coupon::Column::IssuedCount).lt(Expr::col(coupon::Column::Quantity))),
            )
            .exec(&txn)
            .await?;
        if counted.rows_affected != 1 {
            txn.rollback().await?;
            return Err(DomainError::Conflict(Conflict::CampaignExhausted));
        }
        let inserted = user_coupon::Entity::insert(user_coupon::ActiveModel {
            user_id: Set(user_id.0),
            coupon_id: Set(coupon_id),
            status: Set(CouponStatus::Available),
            order_id: Set(None),
            issued_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([user_coupon::Column::UserId, user_coupon::Column::CouponId]).do_nothing().to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if inserted != 1 {
            txn.rollback().await?;
            return Err(DomainError::Conflict(Conflict::CouponAlreadyClaimed));
        }
        let issued = user_coupon::Entity::find()
            .filter(user_coupon::Column::UserId.eq(user_id))
            .filter(user_coupon::Column::CouponId.eq(coupon_id))
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
        let campaign = coupon::Entity::find_by_id(coupon_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        txn.commit().await?;
        Ok(IssuedCouponView::new(issued, campaign, now))
    }

    /// The coupons issued to a shopper, newest first.
    pub async fn coupons_of(self, user_id: UserId) -> DomainResult<Vec<IssuedCouponView>> {
        let now = self.ctx.clock.now();
        coupons_with_campaigns(&self.ctx.db, user_id, now).await
    }
}

async fn coupons_with_campaigns<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
    now: DateTime<Utc>,
) -> DomainResult<Vec<IssuedCouponView>> {
    let issued = user_coupon::Entity::find()
        .find_also_related(coupon::Entity)
        .filter(user_coupon::Column::UserId.eq(user_id))
        .order_by_desc(user_coupon::Column::Id)
        .all(db)
        .await?;
    // Every issued coupon has its campaign (a foreign key); the join is a left one all the same.
    Ok(issued.into_iter().filter_map(|(uc, c)| c.map(|c| IssuedCouponView::new(uc, c, now))).collect())
}
