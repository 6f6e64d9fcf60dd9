//! An order's timeline: typed events (`contract::OrderEvent`), stored as their kind and text.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entities::order_event;
pub(crate) use contract::OrderEvent;

/// Appends events to an order's timeline.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    order_id: i64,
    at: DateTime<Utc>,
    events: impl IntoIterator<Item = OrderEvent>,
) -> Result<(), DbErr> {
    record_many(db, at, events.into_iter().map(|event| (order_id, event)).collect()).await
}

/// Appends events to the timelines of several orders in one statement.
pub(crate) async fn record_many<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    events: Vec<(i64, OrderEvent)>,
) -> Result<(), DbErr> {
    if events.is_empty() {
        return Ok(());
    }
    let rows = events.into_iter().map(|(order_id, event)| order_event::ActiveModel {
        order_id: Set(order_id),
        kind: Set(event.kind()),
        detail: Set(event.detail()),
        at: Set(at),
        ..Default::default()
    });
    order_event::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}
