//! The connection pool's settings (`domain::db::connect`): a PostgreSQL connection the server cut
//! leaves the pool by itself; SQLite (whose connections are not pinged when taken out) keeps its
//! temporary files (a statement journal that outgrows memory) in memory; PostgreSQL connections keep
//! more prepared statements than sqlx's default; a process's SQLite writes go through one connection
//! of their own (`domain::db::writer_for`).
mod common;

use std::time::Duration;

use common::{Backend, TestDatabase};
use sea_orm::{ConnectionTrait, Statement};

async fn query_one(db: &impl ConnectionTrait, sql: &str) -> Result<i64, sea_orm::DbErr> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?;
    row.ok_or_else(|| sea_orm::DbErr::Custom(format!("{sql} returned no row")))?.try_get_by_index::<i64>(0)
}

#[tokio::test]
async fn postgres_connections_cut_while_in_the_pool_are_replaced_by_themselves() {
    let database = TestDatabase::new(Backend::Postgres).await;
    let db = domain::db::connect(&database.url, 3).await.expect("connect");
    // Three connections in use at once, then back in the pool.
    let warm = futures::future::join_all((0..3).map(|_| query_one(&db, "SELECT 1::bigint FROM pg_sleep(0.05)"))).await;
    assert!(warm.iter().all(Result::is_ok), "warming the pool: {warm:?}");

    let cut = database.cut_connections().await;
    assert!(cut >= 1, "no connection of the pool was found to cut");

    // A cut connection is found by the ping as it is taken out, or at worst fails the one statement
    // it is taken for and is dropped by the ping as it goes back: at most the pool's size fail.
    let mut failures = Vec::new();
    let mut answered = false;
    for _ in 0..6 {
        match query_one(&db, "SELECT 1::bigint").await {
            Ok(1) => {
                answered = true;
                break;
            }
            other => failures.push(format!("{other:?}")),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(answered, "the pool kept handing out cut connections: {failures:?}");
    assert!(failures.len() <= 3, "more failures than cut connections: {failures:?}");
    database.drop_database().await;
}

#[tokio::test]
async fn sqlite_connections_keep_temporary_files_in_memory() {
    let database = TestDatabase::new(Backend::Sqlite).await;
    let db = domain::db::connect(&database.url, 4).await.expect("connect");
    // Several connections at once, so more than the first one is asked.
    let answers = futures::future::join_all((0..4).map(|_| async {
        let txn = domain::db::begin_write(&db).await?;
        let mode = query_one(&txn, "PRAGMA temp_store").await;
        txn.rollback().await?;
        mode
    }))
    .await;
    // 2 is MEMORY (0 the compiled-in default, 1 FILE).
    for answer in answers {
        assert_eq!(answer.expect("PRAGMA temp_store"), 2);
    }
}

/// An acknowledged write is on the disk: the writer and every pooled connection run
/// `synchronous=FULL` (a power cut may drop the last commits under NORMAL).
#[tokio::test]
async fn sqlite_writes_are_durable_on_the_writer_and_the_pool() {
    let database = TestDatabase::new(Backend::Sqlite).await;
    let db = domain::db::connect(&database.url, 4).await.expect("connect");
    let writer = domain::db::writer_for(&db);
    let txn = domain::db::begin_write(&writer).await.expect("the writer");
    // 2 is FULL (1 NORMAL, 0 OFF, 3 EXTRA).
    assert_eq!(query_one(&txn, "PRAGMA synchronous").await.expect("PRAGMA synchronous"), 2, "the writer");
    txn.rollback().await.expect("rollback");
    let pooled = futures::future::join_all((0..4).map(|_| query_one(&db, "PRAGMA synchronous"))).await;
    for answer in pooled {
        assert_eq!(answer.expect("PRAGMA synchronous"), 2, "a pooled connection");
    }
}

#[tokio::test]
async fn postgres_connections_keep_a_batch_sized_statement_cache() {
    let database = TestDatabase::new(Backend::Postgres).await;
    let db = domain::db::connect(&database.url, 1).await.expect("connect");
    // 150 distinct statements with parameters (prepared, as SeaORM's are), on the pool's one
    // connection: with sqlx's default of 100, the oldest would have been closed again.
    for n in 0..150_i64 {
        let sql = format!("SELECT $1::bigint + {n}");
        let row = db
            .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), &sql, [1_i64.into()]))
            .await
            .expect("a prepared statement");
        assert_eq!(row.expect("a row").try_get_by_index::<i64>(0).expect("a number"), 1 + n);
    }
    let kept = query_one(&db, "SELECT count(*) FROM pg_prepared_statements").await.expect("count prepared statements");
    assert!(kept >= 150, "the connection keeps {kept} prepared statements, fewer than the 150 it ran");
    database.drop_database().await;
}

#[tokio::test]
async fn sqlite_writes_go_through_one_connection_of_their_own() {
    let database = TestDatabase::new(Backend::Sqlite).await;
    let db = domain::db::connect(&database.url, 4).await.expect("connect");
    let writer = domain::db::writer_for(&db);
    // A temporary table lives on the connection that made it: every write transaction finds it,
    // however many ask at once (with the pool's four connections, some would not).
    writer.execute_unprepared("CREATE TEMP TABLE written_here (n INTEGER)").await.expect("temporary table");
    let writes = futures::future::join_all((0..8).map(|n| {
        let writer = writer.clone();
        async move {
            let txn = domain::db::begin_write(&writer).await?;
            txn.execute_unprepared(&format!("INSERT INTO written_here (n) VALUES ({n})")).await?;
            txn.commit().await
        }
    }))
    .await;
    assert!(writes.iter().all(Result::is_ok), "writes through the writer: {writes:?}");
    assert_eq!(query_one(&writer, "SELECT count(*) FROM written_here").await.expect("count"), 8);
    // The pool's own connections are others.
    let pool = query_one(&db, "SELECT count(*) FROM written_here").await;
    assert!(pool.is_err(), "a pool connection has the writer's temporary table: {pool:?}");
}

#[tokio::test]
async fn in_memory_sqlite_writes_through_its_pool() {
    // Unnamed and named: both are in memory, and the writer is the pool itself.
    let named = format!("sqlite://writer-{}?mode=memory", std::process::id());
    for url in ["sqlite::memory:", named.as_str()] {
        let db = domain::db::connect(url, 1).await.expect("connect");
        let writer = domain::db::writer_for(&db);
        // A temporary table lives on the connection that made it: the pool's one connection sees
        // it only if the writer is that connection.
        writer.execute_unprepared("CREATE TEMP TABLE t (n INTEGER)").await.expect("create");
        writer.execute_unprepared("INSERT INTO t (n) VALUES (7)").await.expect("insert");
        let read = query_one(&db, "SELECT n FROM t").await;
        assert_eq!(read.ok(), Some(7), "{url}: the writer is not the pool's own connection");
    }
}
