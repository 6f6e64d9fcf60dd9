//! What the sweep tidies besides orders: expired sessions and old sign-in failure counts, a
//! bounded batch at a time - on SQLite and on PostgreSQL.
mod common;

use common::{Backend, Fixture, on_both_databases};

on_both_databases!(
    expired_sessions_are_purged_in_batches_and_live_ones_stay,
    old_sign_in_failure_counts_are_purged_in_batches_and_current_ones_stay,
);

async fn expired_sessions_are_purged_in_batches_and_live_ones_stay(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let shopper = fx.user().await;
    // Three sessions started 15 days ago (they last 14), one today.
    let long_ago = fx.at(fx.now() - chrono::Duration::days(15));
    for _ in 0..3 {
        long_ago.accounts().start_session(shopper).await.unwrap();
    }
    let live = fx.facade.accounts().start_session(shopper).await.unwrap();

    assert_eq!(fx.facade.operations().purge_expired_sessions(2).await.unwrap(), 2, "a batch at most");
    assert_eq!(fx.facade.operations().purge_expired_sessions(2).await.unwrap(), 1);
    assert_eq!(fx.facade.operations().purge_expired_sessions(2).await.unwrap(), 0);
    assert!(fx.facade.accounts().session_user(&live).await.unwrap().is_some(), "the live session stays");
    fx.cleanup().await;
}

async fn old_sign_in_failure_counts_are_purged_in_batches_and_current_ones_stay(backend: Backend) {
    use domain::entities::sign_in_failure;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let fx = Fixture::new(backend).await;
    // Three emails failed 20 minutes ago (the window is 15), one just now; no address, so one
    // count (the email's) each.
    let long_ago = fx.at(fx.now() - chrono::Duration::minutes(20));
    for i in 0..3 {
        let refused = long_ago.accounts().sign_in(&format!("gone{i}@shop.test"), "wrong-password", None).await;
        assert!(matches!(refused, Err(domain::DomainError::Unauthorized)));
    }
    let refused = fx.facade.accounts().sign_in("current@shop.test", "wrong-password", None).await;
    assert!(matches!(refused, Err(domain::DomainError::Unauthorized)));
    assert_eq!(sign_in_failure::Entity::find().count(&fx.db).await.unwrap(), 4);

    assert_eq!(fx.facade.operations().purge_sign_in_failures(2).await.unwrap(), 2, "a batch at most");
    assert_eq!(fx.facade.operations().purge_sign_in_failures(2).await.unwrap(), 1);
    assert_eq!(fx.facade.operations().purge_sign_in_failures(2).await.unwrap(), 0);
    assert_eq!(sign_in_failure::Entity::find().count(&fx.db).await.unwrap(), 1, "the current count stays");
    fx.cleanup().await;
}
