//! Sign-in protection that one attacker cannot turn against others, with counts every server
//! process shares - on SQLite and on PostgreSQL.
mod common;

use std::net::IpAddr;

use common::{Backend, Fixture, on_both_databases};
use domain::DomainError;
use domain::status::Role;
use domain::types::{Email, Password};

on_both_databases!(
    wrong_passwords_for_a_shopper_do_not_lock_the_admin_out_of_the_same_address,
    an_account_under_attack_slows_down_but_its_owner_gets_in,
    two_processes_share_one_budget,
);

fn ip(s: &str) -> Option<IpAddr> {
    s.parse().ok()
}

async fn account(fx: &Fixture, email: &str, password: &str, role: Role) {
    fx.facade
        .accounts()
        .ensure_user(&Email::parse(email).unwrap(), &Password::parse(password).unwrap(), role)
        .await
        .unwrap();
}

async fn wrong_passwords_for_a_shopper_do_not_lock_the_admin_out_of_the_same_address(backend: Backend) {
    let fx = Fixture::new(backend).await;
    account(&fx, "shopper@shop.test", "shopper-password", Role::Shopper).await;
    account(&fx, "admin@shop.test", "admin-password", Role::Admin).await;
    // Behind one proxy (or one office NAT): everyone comes from the same address.
    let office = ip("10.0.0.1");
    for _ in 0..5 {
        let err = fx.facade.accounts().sign_in("shopper@shop.test", "wrong-password", office).await.unwrap_err();
        assert!(matches!(err, DomainError::Unauthorized), "{err:?}");
    }
    assert!(
        fx.facade.accounts().sign_in("admin@shop.test", "admin-password", office).await.is_ok(),
        "the admin gets in"
    );
    // The guesser's own pair is locked, even with the right password...
    let err = fx.facade.accounts().sign_in("shopper@shop.test", "shopper-password", office).await.unwrap_err();
    assert!(matches!(err, DomainError::RateLimited { limit: domain::Limit::SignIn, .. }), "{err:?}");
    // ...but the shopper from home is not.
    assert!(fx.facade.accounts().sign_in("shopper@shop.test", "shopper-password", ip("198.51.100.7")).await.is_ok());
    fx.cleanup().await;
}

async fn an_account_under_attack_slows_down_but_its_owner_gets_in(backend: Backend) {
    let fx = Fixture::new(backend).await;
    account(&fx, "admin@shop.test", "admin-password", Role::Admin).await;
    let start = fx.now();
    // A botnet guesses the admin's password once a second for 65 s, each guess from a new address.
    let mut guessed = 0;
    for i in 0..65 {
        let at = fx.at(start + chrono::Duration::seconds(i));
        match at.accounts().sign_in("admin@shop.test", "guess", ip(&format!("203.0.113.{i}"))).await.unwrap_err() {
            DomainError::Unauthorized => guessed += 1,
            DomainError::RateLimited { limit: domain::Limit::SignIn, .. } => {}
            e => panic!("{e:?}"),
        }
    }
    // 5 free guesses, then one each time the growing delay (2, 4, 8, 16, 32, 60 s) ran out.
    assert!(guessed <= 11, "{guessed} guesses were checked in 65 s");
    // Right after the attack even the owner waits...
    let soon = fx.at(start + chrono::Duration::seconds(66));
    let err = soon.accounts().sign_in("admin@shop.test", "admin-password", ip("192.0.2.1")).await.unwrap_err();
    assert!(matches!(err, DomainError::RateLimited { limit: domain::Limit::SignIn, .. }), "{err:?}");
    // ...but never longer than the longest delay after the last guess: then the right password works.
    let later = fx.at(start + chrono::Duration::seconds(65 + 61));
    assert!(later.accounts().sign_in("admin@shop.test", "admin-password", ip("192.0.2.1")).await.is_ok());
    fx.cleanup().await;
}

async fn two_processes_share_one_budget(backend: Backend) {
    let fx = Fixture::new(backend).await;
    account(&fx, "shopper@shop.test", "shopper-password", Role::Shopper).await;
    // A second facade on the same database is what a second server process has.
    let other = domain::OrderFacade::new(fx.db.clone(), std::time::Duration::from_secs(600));
    let guesser = ip("203.0.113.50");
    for i in 0..5 {
        let facade = if i % 2 == 0 { &fx.facade } else { &other };
        assert!(matches!(
            facade.accounts().sign_in("shopper@shop.test", "wrong", guesser).await,
            Err(DomainError::Unauthorized)
        ));
    }
    for facade in [&fx.facade, &other] {
        let err = facade.accounts().sign_in("shopper@shop.test", "shopper-password", guesser).await.unwrap_err();
        assert!(
            matches!(err, DomainError::RateLimited { limit: domain::Limit::SignIn, .. }),
            "5 failures across two processes lock the pair: {err:?}"
        );
    }
    fx.cleanup().await;
}
