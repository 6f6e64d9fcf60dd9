//! Stock and orders (`docs/domain.md`, placing step 2, and giving back): placing takes units, and
//! expiry, cancellation and refunds give them back, each through one conditional update per table
//! concerned, after locking the rows in one global order: product rows by ascending id, then
//! variant rows by ascending id ([`Row`]'s order). Every writer of stock rows keeps it, so two
//! batches never deadlock. Nothing else changes stock for an order.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use contract::RestoredLine;
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::batch_sql::{Values, lock_in_id_order};
use crate::entities::{order_item, product, product_variant};
use crate::error::{DomainError, DomainResult};
use crate::types::OrderLine;

/// A row that holds stock: a product without options, or a variant of one with options. Ordered
/// as rows are locked: every product before every variant, each by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Row {
    Product(i64),
    Variant(i64),
}

impl Row {
    pub(crate) fn of(line: &OrderLine) -> Self {
        line.variant_id.map_or(Self::Product(line.product_id), Self::Variant)
    }

    fn of_item(item: &order_item::Model) -> Self {
        Self::of_parts(item.product_id, item.variant_id)
    }

    /// The row a line or a stock change of `product_id` (and `variant_id`) names.
    pub(crate) fn of_parts(product_id: i64, variant_id: Option<i64>) -> Self {
        variant_id.map_or(Self::Product(product_id), Self::Variant)
    }
}

/// Takes `units` of every row (placing, inside its transaction), one conditional update per
/// table, leaving every row whose stock would fall below zero as it is. `Ok(None)` when every row
/// had enough; `Ok(Some(row))` names the first short in locking order, and the caller rolls back.
pub(crate) async fn take<C: ConnectionTrait>(
    db: &C,
    units: &BTreeMap<Row, i64>,
    now: DateTime<Utc>,
) -> Result<Option<Row>, DbErr> {
    let deltas: BTreeMap<Row, i64> = units.iter().map(|(&row, &n)| (row, -n)).collect();
    let changed = change_stock(db, &deltas, now).await?;
    Ok(units.keys().copied().find(|row| !changed.contains(row)))
}

/// Gives back `per_row` units (`stock += quantity`), after locking the rows in the order placing
/// locks them. Every row must be there (order lines reference what they bought); if one is not,
/// the whole giving back fails rather than losing stock.
pub(crate) async fn give_back<C: ConnectionTrait>(
    db: &C,
    per_row: &BTreeMap<Row, i64>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let changed = change_stock(db, per_row, now).await?;
    if changed.len() != per_row.len() {
        return Err(DomainError::internal(format!(
            "stock restored on {} of {} products and variants",
            changed.len(),
            per_row.len()
        )));
    }
    Ok(())
}

/// Each order's lines given back, for its `stock_restored` event.
pub(crate) type RestoredLines = HashMap<i64, Vec<RestoredLine>>;

/// What giving back `items` means: units per row (in locking order), and each order's lines.
pub(crate) fn tally(items: &[order_item::Model]) -> (BTreeMap<Row, i64>, RestoredLines) {
    let mut per_row: BTreeMap<Row, i64> = BTreeMap::new();
    let mut restored = RestoredLines::new();
    for item in items {
        *per_row.entry(Row::of_item(item)).or_default() += i64::from(item.quantity);
        restored.entry(item.order_id).or_default().push(RestoredLine {
            product_id: item.product_id,
            variant_id: item.variant_id,
            units: item.quantity,
        });
    }
    (per_row, restored)
}

/// `stock += delta` for every row of `deltas` (products first, then variants, each table's rows
/// locked in id order first), except where the stock would fall below zero: that row is left as
/// it is. Returns the rows changed, so a caller taking stock learns which was short.
async fn change_stock<C: ConnectionTrait>(
    db: &C,
    deltas: &BTreeMap<Row, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Row>, DbErr> {
    let products: BTreeMap<i64, i64> =
        deltas.iter().filter_map(|(row, &d)| if let Row::Product(id) = row { Some((*id, d)) } else { None }).collect();
    let variants: BTreeMap<i64, i64> =
        deltas.iter().filter_map(|(row, &d)| if let Row::Variant(id) = row { Some((*id, d)) } else { None }).collect();
    let mut changed = Vec::with_capacity(deltas.len());
    if !products.is_empty() {
        lock_in_id_order::<product::Entity, _>(db, product::Column::Id, products.keys().copied()).await?;
        changed.extend(change_table(db, "products", &products, now).await?.into_iter().map(Row::Product));
    }
    if !variants.is_empty() {
        lock_in_id_order::<product_variant::Entity, _>(db, product_variant::Column::Id, variants.keys().copied())
            .await?;
        changed.extend(change_table(db, "product_variants", &variants, now).await?.into_iter().map(Row::Variant));
    }
    Ok(changed)
}

/// One statement for the rows of one table (`products` or `product_variants`: both have `id`,
/// `stock` and `updated_at`).
async fn change_table<C: ConnectionTrait>(
    db: &C,
    table: &'static str,
    deltas: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let mut sql = Values::new(db.get_database_backend());
    if let [(&id, &delta)] = deltas.iter().collect::<Vec<_>>()[..] {
        // A sale's batches name one row: the plain update keeps the hot row's lock shortest (the
        // join below cost the PostgreSQL sale about a tenth of its rate).
        let (d, at, row, floor) = (sql.bind(delta), sql.bind(now), sql.bind(id), sql.bind(-delta));
        let text =
            format!("UPDATE {table} SET stock = stock + {d}, updated_at = {at} WHERE id = {row} AND stock >= {floor}");
        let res = db.execute_raw(sql.statement(text)).await?;
        return Ok(if res.rows_affected() == 1 { vec![id] } else { Vec::new() });
    }
    let rows = sql.rows(deltas.iter().map(|(&id, &delta)| (id, delta)));
    let at = sql.bind(now);
    // A join with the deltas as a VALUES list: linear in the number of rows (a CASE with one
    // branch per row would be quadratic). The columns are named apart from the table's own so
    // that `RETURNING id` means the table's row on both databases.
    let text = format!(
        "WITH change (row_id, delta) AS (VALUES {rows}) \
         UPDATE {table} SET stock = {table}.stock + change.delta, updated_at = {at} \
         FROM change WHERE {table}.id = change.row_id AND {table}.stock + change.delta >= 0 \
         RETURNING id"
    );
    let changed = db.query_all_raw(sql.statement(text)).await?;
    changed.iter().map(|row| row.try_get_by_index::<i64>(0)).collect()
}
