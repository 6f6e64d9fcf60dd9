//! A signed-in shopper's cart, stored with the account. The cart holds what was picked (a
//! product, and its variant for a product with options) and quantities only; prices are read
//! when it is shown or ordered.
use contract::Pick;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Orders;
use crate::entities::{cart_item, product, product_variant};
use crate::error::DomainResult;
use crate::types::UserId;
use crate::types::{MAX_LINES, MAX_QUANTITY};

/// (pick, quantity) in the order they were added.
pub type CartLines = Vec<(Pick, i64)>;

/// Two carts as one: lines of `theirs` after those of `ours`; a pick in both keeps the larger
/// quantity (the same cart merged twice does not double), within the order limits.
pub fn merge(ours: &[(Pick, i64)], theirs: &[(Pick, i64)]) -> CartLines {
    let mut merged: CartLines = ours.to_vec();
    for &(pick, quantity) in theirs {
        if let Some(line) = merged.iter_mut().find(|(p, _)| *p == pick) {
            line.1 = line.1.max(quantity);
        } else if merged.len() < MAX_LINES {
            merged.push((pick, quantity));
        }
    }
    for line in &mut merged {
        line.1 = line.1.clamp(1, i64::from(MAX_QUANTITY));
    }
    merged
}

impl Orders<'_> {
    pub async fn cart_of(self, user_id: UserId) -> DomainResult<CartLines> {
        Ok(cart_item::Entity::find()
            .filter(cart_item::Column::UserId.eq(user_id))
            .order_by_asc(cart_item::Column::Position)
            .all(&self.ctx.db)
            .await?
            .into_iter()
            .map(|l| {
                let variant_id = (l.variant_id != 0).then_some(l.variant_id);
                (Pick { product_id: l.product_id, variant_id }, i64::from(l.quantity))
            })
            .collect())
    }

    /// Replaces the shopper's cart with `lines` (lines of products that no longer exist, or of a
    /// variant that is not the product's, are dropped), in one transaction.
    pub async fn save_cart(self, user_id: UserId, lines: &[(Pick, i64)]) -> DomainResult<()> {
        let ids: Vec<i64> = lines.iter().map(|(p, _)| p.product_id).collect();
        let existing: Vec<i64> = if ids.is_empty() {
            Vec::new()
        } else {
            product::Entity::find()
                .filter(product::Column::Id.is_in(ids))
                .all(&self.ctx.db)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect()
        };
        let variant_ids: Vec<i64> = lines.iter().filter_map(|(p, _)| p.variant_id).collect();
        let variants: Vec<(i64, i64)> = if variant_ids.is_empty() {
            Vec::new()
        } else {
            product_variant::Entity::find()
                .filter(product_variant::Column::Id.is_in(variant_ids))
                .all(&self.ctx.db)
                .await?
                .into_iter()
                .map(|v| (v.id, v.product_id))
                .collect()
        };
        let known = |pick: &Pick| {
            existing.contains(&pick.product_id)
                && pick.variant_id.is_none_or(|v| variants.contains(&(v, pick.product_id)))
        };
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        cart_item::Entity::delete_many().filter(cart_item::Column::UserId.eq(user_id)).exec(&txn).await?;
        let rows: Vec<cart_item::ActiveModel> = lines
            .iter()
            .filter(|(pick, q)| known(pick) && (1..=i64::from(MAX_QUANTITY)).contains(q))
            .take(MAX_LINES)
            .enumerate()
            .map(|(position, (pick, quantity))| cart_item::ActiveModel {
                user_id: Set(user_id.0),
                product_id: Set(pick.product_id),
                variant_id: Set(pick.variant_id.unwrap_or(0)),
                quantity: Set(*quantity as i32),
                position: Set(position as i32),
                updated_at: Set(now),
            })
            .collect();
        if !rows.is_empty() {
            cart_item::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// At sign-in: the browser's cart joins the one kept with the account.
    pub async fn merge_cart(self, user_id: UserId, browser: &[(Pick, i64)]) -> DomainResult<CartLines> {
        let merged = merge(&self.cart_of(user_id).await?, browser);
        self.save_cart(user_id, &merged).await?;
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use contract::Pick;

    use super::merge;

    fn p(id: i64) -> Pick {
        Pick::product(id)
    }

    #[test]
    fn merging_keeps_the_larger_quantity_and_the_order_lines_were_added_in() {
        assert_eq!(merge(&[(p(1), 2), (p(2), 1)], &[(p(2), 3), (p(3), 1)]), vec![(p(1), 2), (p(2), 3), (p(3), 1)]);
        // Merging the same cart again changes nothing.
        let once = merge(&[(p(1), 2)], &[(p(1), 2), (p(4), 1)]);
        assert_eq!(merge(&once, &[(p(1), 2), (p(4), 1)]), once);
        // Two variants of one product are two lines.
        let black = Pick { product_id: 5, variant_id: Some(1) };
        let white = Pick { product_id: 5, variant_id: Some(2) };
        assert_eq!(merge(&[(black, 1)], &[(white, 1)]), vec![(black, 1), (white, 1)]);
    }

    #[test]
    fn a_merged_cart_stays_within_the_order_limits() {
        let full: Vec<(Pick, i64)> = (1..=20).map(|id| (p(id), 1)).collect();
        assert_eq!(merge(&full, &[(p(99), 1)]).len(), 20);
        assert_eq!(merge(&[(p(1), 500)], &[]), vec![(p(1), 99)]);
    }
}
