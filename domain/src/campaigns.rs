//! An admin's changes to a running coupon campaign: its name, window and quantity, and ending it
//! now. Coupons already issued follow the campaign's window when they are used, so ending a
//! campaign also ends its unused coupons; orders already placed keep theirs.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::entities::coupon;
use crate::error::{DomainError, DomainResult};
use crate::facade::Coupons;
use crate::views::CouponView;

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
        let name = crate::catalog::parse_name(name)?;
        if valid_until.is_some_and(|until| until <= valid_from) {
            return Err(DomainError::validation("valid_until", "must be after valid_from"));
        }
        if quantity.is_some_and(|q| !(1..=100_000_000).contains(&q)) {
            return Err(DomainError::validation("quantity", "must be between 1 and 100000000"));
        }
        Ok(Self { name, valid_from, valid_until, quantity })
    }
}

impl Coupons<'_> {
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
            .exec(&self.facade.db)
            .await?;
        let found = coupon::Entity::find_by_id(coupon_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        if res.rows_affected != 1 {
            return Err(DomainError::validation(
                "quantity",
                format!("cannot be below the {} coupons already issued", found.issued_count),
            ));
        }
        Ok(found.into())
    }

    /// Ends the campaign now: no more claims, and its unused coupons stop applying. A campaign
    /// that has not started yet ends without ever starting. `conflict` if it is already over.
    #[tracing::instrument(skip(self))]
    pub async fn end_campaign(self, coupon_id: i64) -> DomainResult<CouponView> {
        let now = self.facade.clock.now();
        let starts_later = Expr::col(coupon::Column::ValidFrom).gt(now);
        let res = coupon::Entity::update_many()
            .col_expr(coupon::Column::ValidUntil, Expr::value(now))
            .col_expr(
                coupon::Column::ValidFrom,
                Expr::case(starts_later, Expr::value(now)).finally(Expr::col(coupon::Column::ValidFrom)).into(),
            )
            .filter(coupon::Column::Id.eq(coupon_id))
            .filter(Condition::any().add(coupon::Column::ValidUntil.is_null()).add(coupon::Column::ValidUntil.gt(now)))
            .exec(&self.facade.db)
            .await?;
        let found = coupon::Entity::find_by_id(coupon_id).one(&self.facade.db).await?.ok_or(DomainError::NotFound)?;
        if res.rows_affected != 1 {
            return Err(DomainError::Conflict("this campaign is already over"));
        }
        Ok(found.into())
    }
}
