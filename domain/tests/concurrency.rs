//! Real concurrency against each database: many tasks at once, then the invariants.
mod common;

use chrono::Duration;
use common::{Backend, Fixture, on_both_databases, order};
use domain::coupons::CouponKind;
use domain::status::{CouponStatus, OrderStatus};
use domain::{CouponRejection, DomainError};

on_both_databases!(
    hundred_shoppers_race_for_ten_units_and_exactly_ten_win,
    two_processes_race_for_ten_units_and_exactly_ten_win,
    twenty_orders_with_one_coupon_and_exactly_one_holds_it,
    orders_naming_products_in_opposite_order_never_deadlock,
    two_processes_placing_and_cancelling_on_shared_products_never_deadlock,
    pay_racing_expire_has_exactly_one_winner,
    hundred_claims_of_a_thirty_unit_campaign_issue_exactly_thirty,
);

async fn hundred_shoppers_race_for_ten_units_and_exactly_ten_win(backend: Backend) {
    let fx = Fixture::new(backend).await;
    race_for_ten_units(&fx, std::slice::from_ref(&fx.facade)).await;
    fx.cleanup().await;
}

/// Two servers are two facades, each batching its own orders, on one database: the conditional
/// updates stay the guard.
async fn two_processes_race_for_ten_units_and_exactly_ten_win(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let other = domain::OrderFacade::new(fx.db.clone(), common::PAYMENT_TTL);
    race_for_ten_units(&fx, &[fx.facade.clone(), other]).await;
    fx.cleanup().await;
}

/// 100 shoppers at once, taking turns between the facades, for 10 units: exactly 10 win.
async fn race_for_ten_units(fx: &Fixture, facades: &[domain::OrderFacade]) {
    let p = fx.product(5_000, 10).await;
    let mut tasks = Vec::new();
    for i in 0..100 {
        let user = fx.user().await;
        let facade = facades[i % facades.len()].clone();
        tasks.push(tokio::spawn(async move { facade.orders().place_order(user, order(&[(p, 1)], None)).await }));
    }
    let (mut won, mut sold_out) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => won += 1,
            Err(DomainError::OutOfStock { product_id, .. }) if product_id == p => sold_out += 1,
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!((won, sold_out), (10, 90));
    assert_eq!(fx.stock(p).await, 0);
    assert_eq!(fx.order_count().await, 10);
    fx.assert_invariants().await;
}

async fn twenty_orders_with_one_coupon_and_exactly_one_holds_it(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 100).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let facade = fx.facade.clone();
            tokio::spawn(async move { facade.orders().place_order(user, order(&[(p, 1)], Some(c))).await })
        })
        .collect();
    let mut holders = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(placed) => holders.push(placed.order.id),
            Err(DomainError::InvalidCoupon(CouponRejection::Reserved)) => {}
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!(holders.len(), 1);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Reserved, Some(holders[0])));
    assert_eq!(fx.stock(p).await, 99);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn orders_naming_products_in_opposite_order_never_deadlock(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let a = fx.product(1_000, 1_000).await;
    let b = fx.product(2_000, 1_000).await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let user = fx.user().await;
        let facade = fx.facade.clone();
        let lines = if i % 2 == 0 { [(a, 1), (b, 1)] } else { [(b, 1), (a, 1)] };
        tasks.push(tokio::spawn(async move { facade.orders().place_order(user, order(&lines, None)).await }));
    }
    for t in tasks {
        t.await.unwrap().expect("every order succeeds");
    }
    assert_eq!((fx.stock(a).await, fx.stock(b).await), (960, 960));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Two servers place batches of orders that name the same products in every order, while
/// shoppers cancel what they placed (stock going back the other way). Each batch changes its
/// products' stock in one statement; a statement visits rows in whatever order its plan likes, so
/// without one agreed locking order two batches would deadlock (PostgreSQL aborts one, and its
/// orders would fail). Every order must be placed, every cancellation must go through.
async fn two_processes_placing_and_cancelling_on_shared_products_never_deadlock(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let mut products = Vec::new();
    for _ in 0..6 {
        products.push(fx.product(1_000, 10_000).await);
    }
    let other = domain::OrderFacade::new(fx.db.clone(), common::PAYMENT_TTL);
    let facades = [fx.facade.clone(), other];
    let mut tasks = Vec::new();
    for i in 0..240usize {
        let user = fx.user().await;
        let facade = facades[i % 2].clone();
        // 2-6 lines, rotated and reversed so that no two neighbours name them in one order.
        let mut lines: Vec<(i64, i64)> = (0..2 + i % 5).map(|k| (products[(i + k) % 6], 1 + (k as i64 % 2))).collect();
        if i % 3 == 0 {
            lines.reverse();
        }
        let units: i64 = lines.iter().map(|l| l.1).sum();
        tasks.push(tokio::spawn(async move {
            let placed = facade.orders().place_order(user, order(&lines, None)).await?;
            // Every fourth shopper changes their mind at once: their units go back.
            if i % 4 == 0 {
                facade.orders().cancel_by_customer(user, placed.order.id).await?;
                return Ok::<_, DomainError>(0);
            }
            Ok(units)
        }));
    }
    let mut kept = 0;
    for t in tasks {
        kept += t.await.unwrap().expect("every order and cancellation goes through");
    }
    let mut left = 0;
    for &p in &products {
        left += fx.stock(p).await;
    }
    assert_eq!(left, 6 * 10_000 - kept);
    assert_eq!(fx.order_count().await, 240);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// The payment arrives just before the deadline by its clock while the expiry runs just after it
/// by its own: both pass their time checks, and the conditional updates let exactly one through.
async fn pay_racing_expire_has_exactly_one_winner(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(1_000, 1_000).await;
    let (mut paid, mut expired) = (0, 0);
    for _ in 0..50 {
        let c = fx.coupon_for(user, CouponKind::Fixed, 100, None, None).await;
        let o = fx.facade.orders().place_order(user, order(&[(p, 2)], Some(c))).await.unwrap().order;
        let payer = fx.at(o.expires_at - Duration::microseconds(1));
        let expirer = fx.at(o.expires_at);
        let pay = tokio::spawn(async move { payer.orders().pay(user, o.id, None).await });
        let expire = tokio::spawn(async move { expirer.orders().expire(o.id).await });
        let (pay, expire) = (pay.await.unwrap(), expire.await.unwrap().unwrap());
        match (pay, expire) {
            (Ok(order), false) => {
                assert_eq!(order.status, OrderStatus::Paid);
                assert_eq!(fx.coupon_status(c).await.0, CouponStatus::Used);
                paid += 1;
            }
            (Err(DomainError::OrderNotPayable), true) => {
                assert_eq!(fx.coupon_status(c).await, (CouponStatus::Available, None));
                expired += 1;
            }
            other => panic!("both or neither won: {other:?}"),
        }
    }
    assert_eq!(paid + expired, 50);
    assert_eq!(fx.stock(p).await, 1_000 - 2 * paid);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn hundred_claims_of_a_thirty_unit_campaign_issue_exactly_thirty(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let campaign = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(30)).await;
    let mut users = Vec::new();
    for _ in 0..100 {
        users.push(fx.user().await);
    }
    let tasks: Vec<_> = users
        .iter()
        .map(|&u| {
            let facade = fx.facade.clone();
            tokio::spawn(async move { facade.coupons().claim_coupon(u, campaign).await })
        })
        .collect();
    let (mut issued, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => issued += 1,
            Err(DomainError::Conflict(_)) => refused += 1,
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!((issued, refused), (30, 70));
    // A second claim by a holder is refused too.
    let mut holder = None;
    for &u in &users {
        if !fx.facade.coupons().coupons_of(u).await.unwrap().is_empty() {
            holder = Some(u);
            break;
        }
    }
    let holder = holder.expect("someone holds a coupon");
    assert!(matches!(fx.facade.coupons().claim_coupon(holder, campaign).await, Err(DomainError::Conflict(_))));
    fx.assert_invariants().await;
    fx.cleanup().await;
}
