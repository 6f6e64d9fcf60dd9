//! What the storefront's cart, checkout and coupon pages read besides placing: products by id,
//! the shopper's coupons judged against a cart (by the same rules placing applies), and the
//! campaigns still open to claim.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

use crate::coupons::{judge, judge_status};
use crate::entities::{coupon, product, user_coupon};
use crate::error::{CouponRejection, DomainError, DomainResult};
use crate::facade::{Catalog, Coupons, Orders};
use crate::status::CouponStatus;
use crate::views::{CouponView, IssuedCouponView, ProductView};

/// One of the shopper's coupons at checkout: the discount it would give now, or why it cannot
/// be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponChoice {
    pub coupon: IssuedCouponView,
    pub discount: Result<i64, CouponRejection>,
}

impl Orders<'_> {
    /// The address of the shopper's latest order that had one: checkout offers it again.
    pub async fn last_shipping(self, user_id: i64) -> DomainResult<Option<crate::types::Shipping>> {
        let latest = crate::entities::order::Entity::find()
            .filter(crate::entities::order::Column::UserId.eq(user_id))
            .filter(crate::entities::order::Column::ShipRecipient.is_not_null())
            .order_by_desc(crate::entities::order::Column::Id)
            .one(&self.facade.db)
            .await?;
        Ok(latest.and_then(|o| crate::views::OrderView::new(o, Vec::new()).shipping))
    }
}

impl Catalog<'_> {
    /// The products with these ids, in id order; ids that do not exist are left out.
    pub async fn products_by_ids(self, ids: &[i64]) -> DomainResult<Vec<ProductView>> {
        let found = product::Entity::find()
            .filter(product::Column::Id.is_in(ids.iter().copied()))
            .order_by_asc(product::Column::Id)
            .all(&self.facade.db)
            .await?;
        crate::catalog_query::product_views(&self.facade.db, found).await
    }
}

impl Coupons<'_> {
    /// The shopper's coupons that are not used up, each judged for an order of `subtotal`.
    /// Coupons held by a pending order are listed as `reserved`; used ones are left out.
    pub async fn coupon_choices(self, user_id: i64, subtotal: i64) -> DomainResult<Vec<CouponChoice>> {
        let now = self.facade.clock.now();
        let issued = user_coupon::Entity::find()
            .find_also_related(coupon::Entity)
            .filter(user_coupon::Column::UserId.eq(user_id))
            .filter(user_coupon::Column::Status.ne(CouponStatus::Used))
            .order_by_asc(user_coupon::Column::Id)
            .all(&self.facade.db)
            .await?;
        let mut choices = Vec::with_capacity(issued.len());
        for (uc, campaign) in issued {
            let Some(campaign) = campaign else { continue };
            let discount = match judge_status(uc.status) {
                Err(rejection) => Err(rejection),
                Ok(()) => match judge(&campaign, subtotal, now) {
                    Ok(d) => Ok(d),
                    Err(DomainError::InvalidCoupon(rejection)) => Err(rejection),
                    Err(other) => return Err(other),
                },
            };
            choices.push(CouponChoice { coupon: IssuedCouponView::new(uc, campaign, now), discount });
        }
        Ok(choices)
    }

    /// Campaigns a shopper can still claim: limited ones with coupons left, not over, and not
    /// already held by this shopper. Oldest first.
    pub async fn claimable_campaigns(self, user_id: i64) -> DomainResult<Vec<CouponView>> {
        let now = self.facade.clock.now();
        let held = user_coupon::Entity::find()
            .filter(user_coupon::Column::UserId.eq(user_id))
            .all(&self.facade.db)
            .await?
            .into_iter()
            .map(|uc| uc.coupon_id);
        let open = coupon::Entity::find()
            .filter(coupon::Column::Quantity.is_not_null())
            .filter(Expr::col(coupon::Column::IssuedCount).lt(Expr::col(coupon::Column::Quantity)))
            .filter(Condition::any().add(coupon::Column::ValidUntil.is_null()).add(coupon::Column::ValidUntil.gt(now)))
            .filter(coupon::Column::Id.is_not_in(held))
            .order_by_asc(coupon::Column::Id)
            .all(&self.facade.db)
            .await?;
        Ok(open.into_iter().map(Into::into).collect())
    }
}
