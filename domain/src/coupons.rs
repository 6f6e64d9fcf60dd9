//! Coupon campaigns: creating them (admin), claiming (first come, first served) and issuing.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::discount::{CouponKind, discount};
use crate::entities::{coupon, user, user_coupon};
use crate::error::{CouponRejection, DomainError, DomainResult};
use crate::facade::Coupons;
use crate::status::CouponStatus;
use crate::types::Money;
use crate::views::{CouponView, IssuedCouponView};

/// A parsed campaign. `quantity: None` is unlimited; `valid_until: None` never ends.
#[derive(Debug, Clone)]
pub struct NewCoupon {
    name: String,
    kind: CouponKind,
    value: i64,
    max_discount: Option<i64>,
    min_order_amount: i64,
    valid_from: Option<DateTime<Utc>>,
    valid_until: Option<DateTime<Utc>>,
    quantity: Option<i64>,
}

impl NewCoupon {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        name: &str,
        kind: CouponKind,
        value: i64,
        max_discount: Option<i64>,
        min_order_amount: Option<i64>,
        valid_from: Option<DateTime<Utc>>,
        valid_until: Option<DateTime<Utc>>,
        quantity: Option<i64>,
    ) -> DomainResult<Self> {
        let name = crate::catalog::parse_name(name)?;
        match kind {
            CouponKind::Percent if !(1..=100).contains(&value) => {
                return Err(DomainError::validation("value", "a percent coupon takes 1 to 100"));
            }
            CouponKind::Fixed if value < 1 => return Err(DomainError::validation("value", "must be at least 1")),
            _ => {}
        }
        let value = Money::parse("value", value)?.get();
        let max_discount = max_discount.map(|m| Money::parse("max_discount", m).map(Money::get)).transpose()?;
        let min_order_amount = Money::parse("min_order_amount", min_order_amount.unwrap_or(0))?.get();
        if let (Some(from), Some(until)) = (valid_from, valid_until)
            && until <= from
        {
            return Err(DomainError::validation("valid_until", "must be after valid_from"));
        }
        if quantity.is_some_and(|q| !(1..=100_000_000).contains(&q)) {
            return Err(DomainError::validation("quantity", "must be between 1 and 100000000"));
        }
        Ok(Self { name, kind, value, max_discount, min_order_amount, valid_from, valid_until, quantity })
    }
}

impl Coupons<'_> {
    #[tracing::instrument(skip(self))]
    pub async fn create_coupon(self, c: NewCoupon) -> DomainResult<CouponView> {
        let now = self.facade.clock.now();
        let res = coupon::Entity::insert(coupon::ActiveModel {
            name: Set(c.name),
            kind: Set(c.kind.as_str().to_owned()),
            value: Set(c.value),
            max_discount: Set(c.max_discount),
            min_order_amount: Set(c.min_order_amount),
            valid_from: Set(c.valid_from.unwrap_or(now)),
            valid_until: Set(c.valid_until),
            quantity: Set(c.quantity),
            issued_count: Set(0),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&self.facade.db)
        .await?;
        let created =
            coupon::Entity::find_by_id(res.last_insert_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        Ok(created.into())
    }

    /// The shopper claims one coupon of a campaign: first come, first served, never more than the
    /// campaign's quantity, one per shopper.
    #[tracing::instrument(skip(self))]
    pub async fn claim_coupon(self, user_id: i64, coupon_id: i64) -> DomainResult<IssuedCouponView> {
        self.issue_to(user_id, coupon_id).await
    }

    /// An admin issues a coupon of a campaign to a shopper (counted against the quantity too).
    #[tracing::instrument(skip(self))]
    pub async fn issue_coupon(self, coupon_id: i64, user_id: i64) -> DomainResult<IssuedCouponView> {
        if user::Entity::find_by_id(user_id).one(&self.facade.db).await?.is_none() {
            return Err(DomainError::validation("user_id", "no such user"));
        }
        self.issue_to(user_id, coupon_id).await
    }

    async fn issue_to(self, user_id: i64, coupon_id: i64) -> DomainResult<IssuedCouponView> {
        let now = self.facade.clock.now();
        let campaign =
            coupon::Entity::find_by_id(coupon_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        if campaign.valid_until.is_some_and(|u| u <= now) {
            return Err(DomainError::Conflict("this campaign has ended"));
        }
        let txn = self.facade.begin_write().await?;
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
            return Err(DomainError::Conflict("no coupons of this campaign are left"));
        }
        let inserted = user_coupon::Entity::insert(user_coupon::ActiveModel {
            user_id: Set(user_id),
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
            return Err(DomainError::Conflict("this coupon was already claimed"));
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
    pub async fn coupons_of(self, user_id: i64) -> DomainResult<Vec<IssuedCouponView>> {
        let now = self.facade.clock.now();
        coupons_with_campaigns(&self.facade.db, user_id, now).await
    }
}

async fn coupons_with_campaigns<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
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

/// Step 3 of placing, on the issued coupon's status: only an available one can be used.
pub(crate) fn judge_status(status: CouponStatus) -> Result<(), CouponRejection> {
    match status {
        CouponStatus::Available => Ok(()),
        CouponStatus::Reserved => Err(CouponRejection::Reserved),
        CouponStatus::Used => Err(CouponRejection::AlreadyUsed),
    }
}

/// Whether `now` is inside the campaign's validity window (placing, and a refund deciding
/// whether the coupon goes back).
pub(crate) fn judge_window(c: &coupon::Model, now: DateTime<Utc>) -> Result<(), CouponRejection> {
    if now < c.valid_from {
        return Err(CouponRejection::NotYetValid);
    }
    if c.valid_until.is_some_and(|until| now >= until) {
        return Err(CouponRejection::Expired);
    }
    Ok(())
}

/// Step 3 of placing, on the campaign: its window and minimum at `now`, then the discount it
/// gives on `subtotal`. Placing, quoting and the checkout's coupon list all judge with this.
pub(crate) fn judge(c: &coupon::Model, subtotal: i64, now: DateTime<Utc>) -> DomainResult<i64> {
    let reject = DomainError::InvalidCoupon;
    judge_window(c, now).map_err(reject)?;
    if subtotal < c.min_order_amount {
        return Err(reject(CouponRejection::MinOrderNotMet));
    }
    let kind = CouponKind::from_db(&c.kind)
        .ok_or_else(|| DomainError::internal(format!("coupon {} has kind {}", c.id, c.kind)))?;
    Ok(discount(kind, c.value, c.max_discount, subtotal))
}

/// A campaign with how its coupons stand, for the admin console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignStats {
    pub campaign: CouponView,
    pub available: u64,
    pub reserved: u64,
    pub used: u64,
}

impl Coupons<'_> {
    /// Every campaign, newest first, with its issued coupons counted by state.
    pub async fn campaigns(self) -> DomainResult<Vec<CampaignStats>> {
        use sea_orm::QuerySelect;
        let counts: Vec<(i64, CouponStatus, i64)> = user_coupon::Entity::find()
            .select_only()
            .column(user_coupon::Column::CouponId)
            .column(user_coupon::Column::Status)
            .column_as(user_coupon::Column::Id.count(), "n")
            .group_by(user_coupon::Column::CouponId)
            .group_by(user_coupon::Column::Status)
            .into_tuple()
            .all(&self.facade.db)
            .await?;
        let campaigns = coupon::Entity::find().order_by_desc(coupon::Column::Id).all(&self.facade.db).await?;
        Ok(campaigns
            .into_iter()
            .map(|c| {
                let count = |s: CouponStatus| {
                    counts
                        .iter()
                        .filter(|(id, status, _)| *id == c.id && *status == s)
                        .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
                        .sum()
                };
                CampaignStats {
                    available: count(CouponStatus::Available),
                    reserved: count(CouponStatus::Reserved),
                    used: count(CouponStatus::Used),
                    campaign: c.into(),
                }
            })
            .collect())
    }
}
