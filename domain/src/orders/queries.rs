use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{order, order_item};
use crate::error::DomainResult;
use crate::views::OrderView;

pub(crate) async fn order_view<C: ConnectionTrait>(db: &C, order_id: i64) -> DomainResult<Option<OrderView>> {
    let Some(o) = order::Entity::find_by_id(order_id).one(db).await? else {
        return Ok(None);
    };
    let items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(order_id))
        .order_by_asc(order_item::Column::ProductId)
        .all(db)
        .await?;
    Ok(Some(OrderView::new(o, items)))
}

/// Orders with their lines, fetched in two queries (no N+1).
pub(crate) async fn order_views<C: ConnectionTrait>(db: &C, orders: Vec<order::Model>) -> DomainResult<Vec<OrderView>> {
    let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
    let mut items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.is_in(ids))
        .order_by_asc(order_item::Column::ProductId)
        .all(db)
        .await?;
    Ok(orders
        .into_iter()
        .map(|o| {
            let (mine, rest): (Vec<_>, Vec<_>) = items.drain(..).partition(|i| i.order_id == o.id);
            items = rest;
            OrderView::new(o, mine)
        })
        .collect())
}
