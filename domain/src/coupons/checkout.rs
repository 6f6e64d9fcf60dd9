//! What the storefront's checkout and coupon pages read of coupons: the shopper's coupons judged
//! against a cart (by the coupon rule placing applies), and the campaigns still open to claim.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

use super::views::{CouponView, IssuedCouponView};
use super::{Coupons, rule};
use crate::entities::{coupon, user_coupon};
use crate::error::{CouponRejection, DomainResult};
use crate::status::CouponStatus;
use crate::types::UserId;

/// One of the shopper's coupons at checkout: the discount it would give now, or why it cannot
/// be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponChoice {
    pub coupon: IssuedCouponView,
    pub discount: Result<i64, CouponRejection>,
}

impl Coupons<'_> {
    /// The shopper's coupons that are not used up, each judged for an order of `subtotal`.
    /// Coupons held by a pending order are listed as `reserved`; used ones are left out.
    pub async fn coupon_choices(self, user_id: UserId, subtotal: i64) -> DomainResult<Vec<CouponChoice>> {
        let now = self.ctx.clock.now();
        let issued = user_coupon::Entity::find()
            .find_also_related(coupon::Entity)
            .filter(user_coupon::Column::UserId.eq(user_id))
            .filter(user_coupon::Column::Status.ne(CouponStatus::Used))
            .order_by_asc(user_coupon::Column::Id)
            .all(&self.ctx.db)
            .await?;
        let mut choices = Vec::with_capacity(issued.len());
        for (uc, campaign) in issued {
            let Some(campaign) = campaign else { continue };
            let discount = rule::judge(&uc, &campaign, user_id, subtotal, now);
            choices.push(CouponChoice { coupon: IssuedCouponView::new(uc, campaign, now), discount });
        }
        Ok(choices)
    }

    /// Campaigns a shopper can still claim: limited ones with coupons left, not over, and not
    /// already held by this shopper. Oldest first.
    pub async fn claimable_campaigns(self, user_id: UserId) -> DomainResult<Vec<CouponView>> {
        let now = self.ctx.clock.now();
        let held = user_coupon::Entity::find()
            .filter(user_coupon::Column::UserId.eq(user_id))
            .all(&self.ctx.db)
            .await?
            .into_iter()
            .map(|uc| uc.coupon_id);
        let open = coupon::Entity::find()
            .filter(coupon::Column::Quantity.is_not_null())
            .filter(Expr::col(coupon::Column::IssuedCount).lt(Expr::col(coupon::Column::Quantity)))
            .filter(Condition::any().add(coupon::Column::ValidUntil.is_null()).add(coupon::Column::ValidUntil.gt(now)))
            .filter(coupon::Column::Id.is_not_in(held))
            .order_by_asc(coupon::Column::Id)
            .all(&self.ctx.db)
            .await?;
        Ok(open.into_iter().map(Into::into).collect())
    }
}
