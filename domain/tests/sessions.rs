//! Session lookups: those asked at once are answered together, each with its own answer - on
//! SQLite and on PostgreSQL.
mod common;

use chrono::Duration;
use common::{Backend, Fixture, on_both_databases};
use domain::OrderFacade;
use domain::types::UserId;

on_both_databases!(lookups_asked_at_once_each_get_their_own_answer,);

async fn lookups_asked_at_once_each_get_their_own_answer(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let accounts = || fx.facade.accounts();
    let long_ago = fx.at(fx.now() - Duration::days(15));
    // (who asks, token, the user they must get)
    let mut asks: Vec<(OrderFacade, String, Option<UserId>)> = Vec::new();
    for _ in 0..40 {
        let user = fx.user().await;
        asks.push((fx.facade.clone(), accounts().start_session(user).await.unwrap(), Some(user)));
    }
    for _ in 0..10 {
        // Started 15 days ago (sessions last 14): over now, live when it was started.
        let user = fx.user().await;
        let token = long_ago.accounts().start_session(user).await.unwrap();
        asks.push((fx.facade.clone(), token.clone(), None));
        asks.push((long_ago.clone(), token, Some(user)));
    }
    for _ in 0..10 {
        let user = fx.user().await;
        let token = accounts().start_session(user).await.unwrap();
        accounts().end_session(&token).await.unwrap();
        asks.push((fx.facade.clone(), token, None));
    }
    for i in 0..10 {
        asks.push((fx.facade.clone(), format!("{i:064x}"), None));
    }

    // Every ask three times, all at once from tasks of their own.
    let tasks: Vec<_> = asks
        .iter()
        .cycle()
        .take(asks.len() * 3)
        .cloned()
        .map(|(facade, token, expected)| {
            tokio::spawn(async move {
                let got = facade.accounts().session_user(&token).await.expect("looked up").map(|u| u.id);
                (got, expected, token)
            })
        })
        .collect();
    for task in tasks {
        let (got, expected, token) = task.await.unwrap();
        assert_eq!(got, expected, "session {token}");
    }
    fx.cleanup().await;
}
