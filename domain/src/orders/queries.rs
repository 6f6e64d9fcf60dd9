use sea_orm::{ConnectionTrait, EntityTrait, LoaderTrait, ModelTrait, QueryOrder};

use super::views::OrderView;
use crate::entities::{order, order_item};
use crate::error::DomainResult;

pub(crate) async fn order_view<C: ConnectionTrait>(db: &C, order_id: i64) -> DomainResult<Option<OrderView>> {
    let Some(o) = order::Entity::find_by_id(order_id).one(db).await? else {
        return Ok(None);
    };
    let items = o
        .find_related(order_item::Entity)
        .order_by_asc(order_item::Column::ProductId)
        .order_by_asc(order_item::Column::VariantId)
        .all(db)
        .await?;
    Ok(Some(OrderView::new(o, items)))
}

/// Orders with their lines, fetched in two queries (no N+1).
pub(crate) async fn order_views<C: ConnectionTrait>(db: &C, orders: Vec<order::Model>) -> DomainResult<Vec<OrderView>> {
    // One query for the lines of all of them, handed back order by order.
    let items = orders
        .load_many(
            order_item::Entity::find()
                .order_by_asc(order_item::Column::ProductId)
                .order_by_asc(order_item::Column::VariantId),
            db,
        )
        .await?;
    Ok(orders.into_iter().zip(items).map(|(o, lines)| OrderView::new(o, lines)).collect())
}
