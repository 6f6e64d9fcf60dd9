//! Coupon campaigns (staff): creating one, changing a running one's name, window and quantity,
//! ending it now, and how each campaign's coupons stand. Coupons already issued follow the
//! campaign's window when they are used, so ending a campaign also ends its unused coupons;
//! orders already placed keep theirs.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

use super::Coupons;
use super::views::CouponView;
use crate::entities::{coupon, user_coupon};
use crate::error::{Conflict, DomainError, DomainResult, Field};
use crate::status::{CouponKind, CouponStatus};
use crate::types::{Money, parse_name};

/// A campaign's editable terms, all given at once (as the console's form sends them).
#[derive(Debug, Clone)]
pub struct CampaignEdit {
    name: String,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    quantity: Option<i64>,
}

impl CampaignEdit {
    pub fn parse(
        name: &str,
        valid_from: DateTime<Utc>,
        valid_until: Option<DateTime<Utc>>,
        quantity: Option<i64>,
    ) -> DomainResult<Self> {
        let name = parse_name(name)?;
        if valid_until.is_some_and(|until| until <= valid_from) {
            return Err(DomainError::validation(Field::ValidUntil, "must be after valid_from"));
        }
        if quantity.is_some_and(|q| !(1..=100_000_000).contains(&q)) {
            return Err(DomainError::validation(Field::Quantity, "must be between 1 and 100000000"));
        }
        Ok(Self { name, valid_from, valid_until, quantity })
    }
}

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
        let name = parse_name(name)?;
        match kind {
            CouponKind::Percent if !(1..=100).contains(&value) => {
                return Err(DomainError::validation(Field::Value, "a percent coupon takes 1 to 100"));
            }
            CouponKind::Fixed if value < 1 => return Err(DomainError::validation(Field::Value, "must be at least 1")),
            _ => {}
        }
        let value = Money::parse(Field::Value, value)?.get();
        let max_discount = max_discount.map(|m| Money::parse(Field::MaxDiscount, m).map(Money::get)).transpose()?;
        let min_order_amount = Money::parse(Field::MinOrderAmount, min_order_amount.unwrap_or(0))?.get();
        if let (Some(from), Some(until)) = (valid_from, valid_until)
            && until <= from
        {
            return Err(DomainError::validation(Field::ValidUntil, "must be after valid_from"));
        }
        if quantity.is_some_and(|q| !(1..=100_000_000).contains(&q)) {
            return Err(DomainError::validation(Field::Quantity, "must be between 1 and 100000000"));
        }
        Ok(Self { name, kind, value, max_discount, min_order_amount, valid_from, valid_until, quantity })
    }
}

impl Coupons<'_> {
    #[tracing::instrument(skip(self))]
    pub async fn create_coupon(self, c: NewCoupon) -> DomainResult<CouponView> {
        let now = self.ctx.clock.now();
        let res = coupon::Entity::insert(coupon::ActiveModel {
            name: Set(c.name),
            kind: Set(c.kind),
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
        .exec(&self.ctx.db)
        .await?;
        let created =
            coupon::Entity::find_by_id(res.last_insert_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        Ok(created.into())
    }

    /// Replaces the campaign's terms. The quantity never goes below what was issued (checked in
    /// the same statement as the change, so a claim racing the edit cannot slip under it).
    #[tracing::instrument(skip(self))]
    pub async fn edit_campaign(self, coupon_id: i64, edit: CampaignEdit) -> DomainResult<CouponView> {
        let mut guard = Condition::all().add(coupon::Column::Id.eq(coupon_id));
        if let Some(q) = edit.quantity {
            guard = guard.add(coupon::Column::IssuedCount.lte(q));
        }
        let res = coupon::Entity::update_many()
            .col_expr(coupon::Column::Name, Expr::value(edit.name))
            .col_expr(coupon::Column::ValidFrom, Expr::value(edit.valid_from))
            .col_expr(coupon::Column::ValidUntil, Expr::value(edit.valid_until))
            .col_expr(coupon::Column::Quantity, Expr::value(edit.quantity))
            .filter(guard)
            .exec(&self.ctx.db)
            .await?;
        let found = coupon::Entity::find_by_id(coupon_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        if res.rows_affected != 1 {
            return Err(DomainError::validation(
                Field::Quantity,
                format!("cannot be below the {} coupons already issued", found.issued_count),
            ));
        }
        Ok(found.into())
    }

    /// Ends the campaign now: no more claims, and its unused coupons stop applying. A campaign
    /// that has not started yet ends without ever starting. `conflict` if it is already over.
    #[tracing::instrument(skip(self))]
    pub async fn end_campaign(self, coupon_id: i64) -> DomainResult<CouponView> {
        let now = self.ctx.clock.now();
        let starts_later = Expr::col(coupon::Column::ValidFrom).gt(now);
        let res = coupon::Entity::update_many()
            .col_expr(coupon::Column::ValidUntil, Expr::value(now))
            .col_expr(
                coupon::Column::ValidFrom,
                Expr::case(starts_later, Expr::value(now)).finally(Expr::col(coupon::Column::ValidFrom)).into(),
            )
            .filter(coupon::Column::Id.eq(coupon_id))
            .filter(Condition::any().add(coupon::Column::ValidUntil.is_null()).add(coupon::Column::ValidUntil.gt(now)))
            .exec(&self.ctx.db)
            .await?;
        let found = coupon::Entity::find_by_id(coupon_id).one(&self.ctx.db).await?.ok_or(DomainError::NotFound)?;
        if res.rows_affected != 1 {
            return Err(DomainError::Conflict(Conflict::CampaignAlreadyOver));
        }
        Ok(found.into())
    }
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
            .all(&self.ctx.db)
            .await?;
        let campaigns = coupon::Entity::find().order_by_desc(coupon::Column::Id).all(&self.ctx.db).await?;
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
