//! A signed-in shopper's cart, stored with the account. The cart holds product ids and
//! quantities only; prices are read when it is shown or ordered.
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Orders;
use crate::entities::{cart_line, product};
use crate::error::DomainResult;
use crate::types::UserId;
use crate::types::{MAX_LINES, MAX_QUANTITY};

/// (product id, quantity) in the order they were added.
pub type CartLines = Vec<(i64, i64)>;

/// Two carts as one: lines of `theirs` after those of `ours`; a product in both keeps the larger
/// quantity (the same cart merged twice does not double), within the order limits.
pub fn merge(ours: &[(i64, i64)], theirs: &[(i64, i64)]) -> CartLines {
    let mut merged: CartLines = ours.to_vec();
    for &(product_id, quantity) in theirs {
        if let Some(line) = merged.iter_mut().find(|(id, _)| *id == product_id) {
            line.1 = line.1.max(quantity);
        } else if merged.len() < MAX_LINES {
            merged.push((product_id, quantity));
        }
    }
    for line in &mut merged {
        line.1 = line.1.clamp(1, i64::from(MAX_QUANTITY));
    }
    merged
}

impl Orders<'_> {
    pub async fn cart_of(self, user_id: UserId) -> DomainResult<CartLines> {
        Ok(cart_line::Entity::find()
            .filter(cart_line::Column::UserId.eq(user_id))
            .order_by_asc(cart_line::Column::Position)
            .all(&self.ctx.db)
            .await?
            .into_iter()
            .map(|l| (l.product_id, i64::from(l.quantity)))
            .collect())
    }

    /// Replaces the shopper's cart with `lines` (lines of products that no longer exist are
    /// dropped), in one transaction.
    pub async fn save_cart(self, user_id: UserId, lines: &[(i64, i64)]) -> DomainResult<()> {
        let ids: Vec<i64> = lines.iter().map(|(id, _)| *id).collect();
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
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        cart_line::Entity::delete_many().filter(cart_line::Column::UserId.eq(user_id)).exec(&txn).await?;
        let rows: Vec<cart_line::ActiveModel> = lines
            .iter()
            .filter(|(id, q)| existing.contains(id) && (1..=i64::from(MAX_QUANTITY)).contains(q))
            .take(MAX_LINES)
            .enumerate()
            .map(|(position, (product_id, quantity))| cart_line::ActiveModel {
                user_id: Set(user_id.0),
                product_id: Set(*product_id),
                quantity: Set(*quantity as i32),
                position: Set(position as i32),
                updated_at: Set(now),
            })
            .collect();
        if !rows.is_empty() {
            cart_line::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// At sign-in: the browser's cart joins the one kept with the account.
    pub async fn merge_cart(self, user_id: UserId, browser: &[(i64, i64)]) -> DomainResult<CartLines> {
        let merged = merge(&self.cart_of(user_id).await?, browser);
        self.save_cart(user_id, &merged).await?;
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn merging_keeps_the_larger_quantity_and_the_order_lines_were_added_in() {
        assert_eq!(merge(&[(1, 2), (2, 1)], &[(2, 3), (3, 1)]), vec![(1, 2), (2, 3), (3, 1)]);
        // Merging the same cart again changes nothing.
        let once = merge(&[(1, 2)], &[(1, 2), (4, 1)]);
        assert_eq!(merge(&once, &[(1, 2), (4, 1)]), once);
    }

    #[test]
    fn a_merged_cart_stays_within_the_order_limits() {
        let full: Vec<(i64, i64)> = (1..=20).map(|id| (id, 1)).collect();
        assert_eq!(merge(&full, &[(99, 1)]).len(), 20);
        assert_eq!(merge(&[(1, 500)], &[]), vec![(1, 99)]);
    }
}
