//! Stock and orders (`docs/domain.md`, placing step 2, and giving back): placing takes units, and
//! expiry, cancellation and refunds give them back, each through one conditional update of every
//! product concerned, after locking the rows in ascending id order - the order every writer of
//! product rows keeps, so that two batches never deadlock. Nothing else changes stock for an order.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::batch_sql::{Values, lock_in_id_order};
use crate::entities::{order_item, product};
use crate::error::{DomainError, DomainResult};

/// Takes `units` of every product (placing, inside its transaction), as one conditional update
/// that leaves every row whose stock would fall below zero as it is. `Ok(None)` when every product
/// had enough; `Ok(Some(id))` names the lowest id short - as placing one product after another in
/// id order would find it - and the caller rolls back.
pub(crate) async fn take<C: ConnectionTrait>(
    db: &C,
    units: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    lock_in_id_order::<product::Entity, _>(db, product::Column::Id, units.keys().copied()).await?;
    let deltas: BTreeMap<i64, i64> = units.iter().map(|(&id, &n)| (id, -n)).collect();
    let changed = change_stock(db, &deltas, now).await?;
    Ok(units.keys().copied().find(|id| !changed.contains(id)))
}

/// Gives back `per_product` units (`stock += quantity`) in one statement, after locking the rows in
/// the order placing locks them. Every product must be there (order lines reference their
/// products); if one is not, the whole giving back fails rather than losing stock.
pub(crate) async fn give_back<C: ConnectionTrait>(
    db: &C,
    per_product: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    lock_in_id_order::<product::Entity, _>(db, product::Column::Id, per_product.keys().copied()).await?;
    let changed = change_stock(db, per_product, now).await?;
    // Order lines reference their products (foreign key), so every one must be there; if not,
    // the whole cancellation rolls back rather than losing stock.
    if changed.len() != per_product.len() {
        return Err(DomainError::internal(format!(
            "stock restored on {} of {} products",
            changed.len(),
            per_product.len()
        )));
    }
    Ok(())
}

/// Each order's lines given back, (product, units), for its `stock_restored` event.
pub(crate) type RestoredLines = HashMap<i64, Vec<(i64, i32)>>;

/// What giving back `items` means: units per product (in id order, the locking order), and each
/// order's lines.
pub(crate) fn tally(items: &[order_item::Model]) -> (BTreeMap<i64, i64>, RestoredLines) {
    let mut per_product: BTreeMap<i64, i64> = BTreeMap::new();
    let mut restored = RestoredLines::new();
    for item in items {
        *per_product.entry(item.product_id).or_default() += i64::from(item.quantity);
        restored.entry(item.order_id).or_default().push((item.product_id, item.quantity));
    }
    (per_product, restored)
}

/// `stock += delta` for every product of `deltas` in one statement, except where the stock would
/// fall below zero: that row is left as it is. Returns the ids of the rows changed, so a caller
/// taking stock learns which product was short. The caller locks the rows first.
async fn change_stock<C: ConnectionTrait>(
    db: &C,
    deltas: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let mut each = deltas.iter();
    match (each.next(), each.next()) {
        (None, _) => return Ok(Vec::new()),
        // A sale's batches name one product: the plain update keeps the hot row's lock shortest
        // (the join below cost the PostgreSQL sale about a tenth of its rate).
        (Some((&id, &delta)), None) => {
            let res = product::Entity::update_many()
                .col_expr(product::Column::Stock, Expr::col(product::Column::Stock).add(delta))
                .col_expr(product::Column::UpdatedAt, Expr::value(now))
                .filter(product::Column::Id.eq(id))
                .filter(product::Column::Stock.gte(-delta))
                .exec(db)
                .await?;
            return Ok(if res.rows_affected == 1 { vec![id] } else { Vec::new() });
        }
        _ => {}
    }
    let mut sql = Values::new(db.get_database_backend());
    let rows = sql.rows(deltas.iter().map(|(&id, &delta)| (id, delta)));
    let at = sql.bind(now);
    // A join with the deltas as a VALUES list: linear in the number of products (a CASE with one
    // branch per product would be quadratic). The columns are named apart from `products`' own
    // so that `RETURNING id` means the product on both databases.
    let text = format!(
        "WITH change (product_id, delta) AS (VALUES {rows}) \
         UPDATE products SET stock = products.stock + change.delta, updated_at = {at} \
         FROM change WHERE products.id = change.product_id AND products.stock + change.delta >= 0 \
         RETURNING id"
    );
    let changed = db.query_all_raw(sql.statement(text)).await?;
    changed.iter().map(|row| row.try_get_by_index::<i64>(0)).collect()
}
