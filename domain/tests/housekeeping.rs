//! What the sweep tidies besides orders: expired sessions, a bounded batch at a time - on
//! SQLite and on PostgreSQL.
mod common;

use common::{Backend, Fixture};

on_both_databases!(expired_sessions_are_purged_in_batches_and_live_ones_stay);

async fn expired_sessions_are_purged_in_batches_and_live_ones_stay(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let shopper = fx.user().await;
    // Three sessions started 15 days ago (they last 14), one today.
    let long_ago = fx.at(fx.now() - chrono::Duration::days(15));
    for _ in 0..3 {
        long_ago.start_session(shopper).await.unwrap();
    }
    let live = fx.facade.start_session(shopper).await.unwrap();

    assert_eq!(fx.facade.purge_expired_sessions(2).await.unwrap(), 2, "a batch at most");
    assert_eq!(fx.facade.purge_expired_sessions(2).await.unwrap(), 1);
    assert_eq!(fx.facade.purge_expired_sessions(2).await.unwrap(), 0);
    assert!(fx.facade.session_user(&live).await.unwrap().is_some(), "the live session stays");
    fx.cleanup().await;
}
