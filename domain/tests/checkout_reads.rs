//! What the storefront reads besides placing: coupons judged against a cart, campaigns open to
//! claim, products by id - on SQLite and on PostgreSQL.
mod common;

use common::{Backend, Fixture, on_both_databases, order};
use domain::CouponRejection;
use domain::coupons::CouponKind;

on_both_databases!(
    coupon_choices_judge_each_coupon_like_placing_does,
    claimable_campaigns_leave_out_held_exhausted_and_ended_ones,
    products_by_ids_skips_missing_ones,
);

async fn coupon_choices_judge_each_coupon_like_placing_does(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(20_000, 10).await;
    let percent = fx.coupon_for(user, CouponKind::Percent, 10, Some(1_500), None).await;
    let needs_more = fx.coupon_for(user, CouponKind::Fixed, 5_000, None, Some(50_000)).await;
    let held = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let used = fx.coupon_for(user, CouponKind::Fixed, 2_000, None, None).await;
    fx.facade.orders().place_order(user, order(&[(p, 1)], Some(held))).await.unwrap();
    let paid = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(used))).await.unwrap().order;
    fx.facade.orders().pay(user, paid.id, None).await.unwrap();

    let choices = fx.facade.coupons().coupon_choices(user, 20_000).await.unwrap();
    let judged: Vec<(i64, Result<i64, CouponRejection>)> = choices.iter().map(|c| (c.coupon.id, c.discount)).collect();
    assert_eq!(
        judged,
        vec![
            (percent, Ok(1_500)),
            (needs_more, Err(CouponRejection::MinOrderNotMet)),
            (held, Err(CouponRejection::Reserved))
        ],
        "used coupons are left out; the rest are judged by placing's rules"
    );
    // The same verdicts as quoting.
    let q = fx.facade.orders().quote(user, &order(&[(p, 1)], Some(percent))).await.unwrap();
    assert_eq!(q.discount, 1_500);
    // Another shopper's coupons never show up.
    let other = fx.user().await;
    assert!(fx.facade.coupons().coupon_choices(other, 20_000).await.unwrap().is_empty());
    fx.cleanup().await;
}

async fn claimable_campaigns_leave_out_held_exhausted_and_ended_ones(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (alice, bob) = (fx.user().await, fx.user().await);
    let open = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(5)).await;
    let single = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(1)).await;
    let _admin_only = fx.campaign(CouponKind::Fixed, 1_000, None, None, None).await;
    fx.facade.coupons().claim_coupon(alice, single).await.unwrap();
    let ids = |v: Vec<domain::coupons::CouponView>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(fx.facade.coupons().claimable_campaigns(bob).await.unwrap()), vec![open], "single is exhausted");
    assert_eq!(ids(fx.facade.coupons().claimable_campaigns(alice).await.unwrap()), vec![open]);
    fx.facade.coupons().claim_coupon(bob, open).await.unwrap();
    assert!(fx.facade.coupons().claimable_campaigns(bob).await.unwrap().is_empty(), "bob holds it now");
    // Once a campaign's window has passed, nobody can claim it.
    let later = fx.at(fx.now() + chrono::Duration::days(400));
    let ended = domain::coupons::NewCoupon::parse(
        "Ends soon",
        CouponKind::Fixed,
        1_000,
        None,
        None,
        None,
        Some(fx.now() + chrono::Duration::days(1)),
        Some(10),
    )
    .unwrap();
    let ended = fx.facade.coupons().create_coupon(ended).await.unwrap().id;
    assert!(ids(fx.facade.coupons().claimable_campaigns(alice).await.unwrap()).contains(&ended));
    assert!(!ids(later.coupons().claimable_campaigns(alice).await.unwrap()).contains(&ended));
    fx.cleanup().await;
}

async fn products_by_ids_skips_missing_ones(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let a = fx.product(1_000, 1).await;
    let b = fx.product(2_000, 2).await;
    let found = fx.facade.catalog().products_by_ids(&[b, 999_999, a]).await.unwrap();
    assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), vec![a, b]);
    assert!(fx.facade.catalog().products_by_ids(&[]).await.unwrap().is_empty());
    fx.cleanup().await;
}

mod checker {
    use super::common::{Backend, Fixture, order};
    use sea_orm::ConnectionTrait;

    /// The checker is not a test that cannot fail: tampered data is reported.
    async fn the_invariant_checker_reports_tampered_stock_and_coupons(backend: Backend) {
        let fx = Fixture::new(backend).await;
        let user = fx.user().await;
        let p = fx.product(1_000, 10).await;
        let c = fx.coupon_for(user, domain::coupons::CouponKind::Fixed, 100, None, None).await;
        fx.facade.orders().place_order(user, order(&[(p, 2)], Some(c))).await.unwrap();
        assert!(domain::invariants::check(&fx.db).await.unwrap().is_empty());
        fx.db.execute_unprepared(&format!("UPDATE products SET stock = stock - 1 WHERE id = {p}")).await.unwrap();
        let found = domain::invariants::check(&fx.db).await.unwrap();
        assert!(found.iter().any(|v| v.contains(&format!("product {p}"))), "{found:?}");
        fx.cleanup().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        the_invariant_checker_reports_tampered_stock_and_coupons(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        the_invariant_checker_reports_tampered_stock_and_coupons(Backend::Postgres).await
    }
}
