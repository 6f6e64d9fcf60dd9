//! Pushing a placing batch's expiry jobs to the embedded queue in one statement. apalis-sqlite's
//! own push (1.0.0) inserts one row per statement inside a transaction: N + 2 statements per
//! batch, each a hand-off to one of sqlx's SQLite connection threads and back, and on two cores
//! those hand-offs, not SQLite, are where a sale's time went. This writes the very rows its push
//! writes (same columns, same values, same conflict rule; `pushed_rows_match_apalis_own_push`
//! below compares them) in one multi-row insert, which is also one transaction.
use std::time::{SystemTime, UNIX_EPOCH};

use apalis::prelude::TaskBuilder;
use apalis_sqlite::SqlitePool;
use chrono::{DateTime, Utc};

use crate::job::ExpireOrder;

/// Inserts one Pending job per order, to run at its deadline.
pub(crate) async fn push_all(
    pool: &SqlitePool,
    queue: &str,
    orders: &[(i64, DateTime<Utc>)],
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if orders.is_empty() {
        return Ok(());
    }
    let rows = vec!["(?, ?, ?, 'Pending', 0, ?, ?, ?, ?, ?)"; orders.len()].join(", ");
    let sql = format!(
        "INSERT INTO Jobs (job, id, job_type, status, attempts, max_attempts, run_at, priority, metadata, \
         idempotency_key) VALUES {rows} ON CONFLICT(job_type, idempotency_key) DO NOTHING"
    );
    // Only the number of placeholder rows varies; every value is bound.
    let mut insert = sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(sql));
    for &(order_id, run_at) in orders {
        // Built as apalis builds a task, so the defaults (attempts, priority, metadata) are its own.
        let task = TaskBuilder::new(serde_json::to_vec(&ExpireOrder { order_id })?)
            .run_at_time(SystemTime::from(run_at))
            .build();
        let run_at =
            task.run_at().unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs());
        insert = insert
            .bind(task.args.clone())
            // apalis-sqlite reads only ULID task ids back, so each job gets a new one; a second
            // job for the same order is harmless (the job is idempotent).
            .bind(ulid::Ulid::generate().to_string())
            .bind(queue.to_owned())
            .bind(task.max_attempts().unwrap_or(25) as i64)
            .bind(run_at as i64)
            .bind(task.priority().unwrap_or_default() as i64)
            .bind(serde_json::to_string(task.metadata())?)
            .bind(task.idempotency_key().map(str::to_owned));
    }
    insert.execute(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use apalis::prelude::TaskSink;

    use super::*;
    use crate::settings::{QueueKind, QueueSettings};
    use crate::storage::{EMBEDDED_QUEUE, open_embedded, open_embedded_pool};

    type Row = (Vec<u8>, String, String, String, i64, i64, i64, i64, Option<String>, Option<String>);

    #[tokio::test]
    async fn pushed_rows_match_apalis_own_push() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobs.db");
        let settings = QueueSettings::with_fast_heartbeat(QueueKind::Embedded { path: path.clone() });
        let mut storage = open_embedded(&path, &settings).await.unwrap();
        let pool = open_embedded_pool(&path).await.unwrap();
        let run_at: DateTime<Utc> = "2030-01-02T03:04:05Z".parse().unwrap();
        let theirs = TaskBuilder::new(ExpireOrder { order_id: 1 }).run_at_time(SystemTime::from(run_at)).build();
        storage.push_all(futures::stream::iter(vec![theirs])).await.unwrap();
        push_all(&pool, EMBEDDED_QUEUE, &[(2, run_at), (3, run_at)]).await.unwrap();

        let rows: Vec<Row> = sea_orm::sqlx::query_as(
            "SELECT job, id, job_type, status, attempts, max_attempts, run_at, priority, metadata, idempotency_key \
             FROM Jobs ORDER BY job",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let orders: Vec<i64> =
            rows.iter().map(|r| serde_json::from_slice::<ExpireOrder>(&r.0).unwrap().order_id).collect();
        assert_eq!(orders, [1, 2, 3], "apalis's row first, then ours, each decoding to its order");
        let rest = |r: &Row| (r.2.clone(), r.3.clone(), r.4, r.5, r.6, r.7, r.8.clone(), r.9.clone());
        assert_eq!(
            rest(&rows[0]),
            (EMBEDDED_QUEUE.to_owned(), "Pending".to_owned(), 0, 25, run_at.timestamp(), 0, rest(&rows[0]).6, None)
        );
        for ours in &rows[1..] {
            assert_eq!(rest(ours), rest(&rows[0]), "every column but the job and its id as apalis writes it");
            assert!(ulid::Ulid::from_string(&ours.1).is_ok(), "a ULID id, the only kind apalis-sqlite reads back");
        }
        assert_ne!(rows[1].1, rows[2].1);
    }
}
