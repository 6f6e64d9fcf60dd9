//! What set-based writes share: one statement for many rows of a batch (a VALUES list of bound
//! pairs), and the locking order every writer of those rows keeps.
//!
//! Why set-based: a batch of orders on many products (a catalogue, not one hot item) used to cost
//! a round trip per product and per coupon, so the batch's transaction - and the row locks it held
//! - grew with its size. Now it is the same few statements whatever the batch holds.
use sea_orm::sea_query::LockType;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value,
};

/// On PostgreSQL, locks the rows of `ids` in ascending id order, as an update would (`FOR NO KEY
/// UPDATE`: order lines referencing a product still go in beside it). A statement updating many
/// rows locks them in whatever order its plan visits them, so two such statements could deadlock;
/// taking the locks first in one agreed order cannot. SQLite has one writer and needs no locks.
pub(crate) async fn lock_in_id_order<E, C>(
    db: &C,
    id: E::Column,
    ids: impl IntoIterator<Item = i64>,
) -> Result<(), DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.len() < 2 || db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    E::find()
        .select_only()
        .column(id)
        .filter(id.is_in(ids))
        .order_by_asc(id)
        .lock(LockType::NoKeyUpdate)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    Ok(())
}

/// A raw statement's bind parameters, numbered as the backend spells them.
pub(crate) struct Values {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Values {
    pub(crate) fn new(backend: DbBackend) -> Self {
        Self { backend, values: Vec::new() }
    }

    /// Binds `value`; returns its placeholder, numbered: a bare `?` would take the values in
    /// the order the SQL text names them, not the order they were bound.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => format!("?{}", self.values.len()),
        }
    }

    /// Binds the pairs as the rows of a VALUES list: `($1, $2), ($3, $4)`.
    pub(crate) fn rows(&mut self, pairs: impl Iterator<Item = (i64, i64)>) -> String {
        pairs.map(|(a, b)| format!("({}, {})", self.bind(a), self.bind(b))).collect::<Vec<_>>().join(", ")
    }

    pub(crate) fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}
