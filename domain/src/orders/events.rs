use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entities::order_event;

/// Appends events to an order's timeline.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    order_id: i64,
    at: DateTime<Utc>,
    events: impl IntoIterator<Item = (&'static str, Option<String>)>,
) -> Result<(), DbErr> {
    let rows: Vec<order_event::ActiveModel> = events
        .into_iter()
        .map(|(kind, detail)| order_event::ActiveModel {
            order_id: Set(order_id),
            kind: Set(kind.to_owned()),
            detail: Set(detail),
            at: Set(at),
            ..Default::default()
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    order_event::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}
