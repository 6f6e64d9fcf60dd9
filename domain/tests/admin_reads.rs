//! What the admin console reads: the filtered order listing, counts per state, the dashboard and
//! campaign counts - on SQLite and on PostgreSQL; and, on PostgreSQL, that the listing stays on
//! its indexes with 100,000 orders.
mod common;

use chrono::Duration;
use common::{Backend, Fixture, on_both_databases, order};
use domain::coupons::CouponKind;
use domain::orders::{OrderFilter, StatusFilter};
use sea_orm::{ConnectionTrait, QueryTrait, Statement};

on_both_databases!(
    the_listing_filters_by_state_search_dates_and_shopper,
    the_dashboard_counts_today_and_tells_whether_workers_keep_up,
    campaigns_count_their_coupons_by_state,
);

mod postgres_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_listing_uses_indexes_with_a_hundred_thousand_orders() {
        super::the_listing_uses_indexes_with_a_hundred_thousand_orders().await
    }
}

async fn ids(fx: &Fixture, filter: OrderFilter) -> Vec<i64> {
    fx.facade.orders().admin_orders(&filter, 1, 100).await.unwrap().items.into_iter().map(|o| o.order.id).collect()
}

async fn the_listing_filters_by_state_search_dates_and_shopper(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (alice, bob) = (fx.user().await, fx.user().await);
    let p = fx.product(1_000, 100).await;
    let pending = fx.facade.orders().place_order(alice, order(&[(p, 1)], None)).await.unwrap().order.id;
    let paid = fx.facade.orders().place_order(alice, order(&[(p, 1)], None)).await.unwrap().order.id;
    fx.facade.orders().pay(alice, paid, None).await.unwrap();
    let cancelled = fx.facade.orders().place_order(bob, order(&[(p, 1)], None)).await.unwrap().order.id;
    fx.facade.orders().cancel_by_customer(bob, cancelled).await.unwrap();
    let expired = fx.facade.orders().place_order(bob, order(&[(p, 1)], None)).await.unwrap().order.id;
    assert!(fx.at(fx.now() + Duration::hours(1)).orders().expire(expired).await.unwrap());

    let by = |status| OrderFilter { status: Some(status), ..OrderFilter::default() };
    assert_eq!(ids(&fx, OrderFilter::default()).await, vec![expired, cancelled, paid, pending], "newest first");
    assert_eq!(ids(&fx, by(StatusFilter::PendingPayment)).await, vec![pending]);
    assert_eq!(ids(&fx, by(StatusFilter::Paid)).await, vec![paid]);
    assert_eq!(ids(&fx, by(StatusFilter::Cancelled)).await, vec![expired, cancelled]);
    assert_eq!(ids(&fx, by(StatusFilter::Expired)).await, vec![expired]);
    assert_eq!(ids(&fx, by(StatusFilter::CancelledByCustomer)).await, vec![cancelled]);
    assert!(domain::orders::parse_status_filter("lost").is_err());

    let search = |q: &str| OrderFilter { search: Some(q.to_owned()), ..OrderFilter::default() };
    assert_eq!(ids(&fx, search(&paid.to_string())).await, vec![paid]);
    assert_eq!(ids(&fx, search(&format!("#{paid}"))).await, vec![paid]);
    let alice_email = fx.facade.orders().admin_order(pending).await.unwrap().0.user_email;
    let fragment = alice_email.split('@').next().unwrap().to_uppercase();
    assert_eq!(ids(&fx, search(&fragment)).await, vec![paid, pending], "email fragment, any case");
    assert!(ids(&fx, search("%")).await.is_empty(), "LIKE wildcards are taken literally");
    assert_eq!(ids(&fx, OrderFilter { user_id: Some(bob), ..OrderFilter::default() }).await, vec![expired, cancelled]);

    let now = fx.now();
    let window = |from, before| OrderFilter { created_from: from, created_before: before, ..OrderFilter::default() };
    assert_eq!(ids(&fx, window(Some(now - Duration::hours(1)), Some(now + Duration::hours(1)))).await.len(), 4);
    assert!(ids(&fx, window(Some(now + Duration::hours(1)), None)).await.is_empty());
    assert!(ids(&fx, window(None, Some(now - Duration::hours(1)))).await.is_empty());

    let counts = fx.facade.orders().status_counts(None).await.unwrap();
    assert_eq!((counts.pending_payment, counts.paid, counts.expired, counts.cancelled_by_customer), (1, 1, 1, 1));
    fx.cleanup().await;
}

async fn the_dashboard_counts_today_and_tells_whether_workers_keep_up(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let plenty = fx.product(10_000, 100).await;
    let scarce = fx.product(5_000, 4).await;
    let paid = fx.facade.orders().place_order(user, order(&[(plenty, 2)], None)).await.unwrap().order.id;
    fx.facade.orders().pay(user, paid, None).await.unwrap();
    let pending = fx.facade.orders().place_order(user, order(&[(scarce, 1)], None)).await.unwrap().order.id;

    let d = fx.facade.operations().dashboard().await.unwrap();
    assert_eq!((d.today.paid, d.today.pending_payment), (1, 1));
    assert_eq!(d.revenue_today, 20_000);
    assert_eq!(d.low_stock.iter().map(|p| (p.id, p.stock)).collect::<Vec<_>>(), vec![(scarce, 3)]);
    assert!(d.near_expiry.is_empty(), "the test TTL is far away");
    assert_eq!((d.awaiting_expiry, d.overdue), (1, 0));
    assert!(d.last_sweep.is_none() && d.live_workers.is_empty());

    // Seen from after the deadline: the order is near expiry and overdue until a sweep runs.
    let later = fx.at(fx.now() + Duration::hours(1));
    let d = later.operations().dashboard().await.unwrap();
    assert_eq!(d.near_expiry.iter().map(|o| o.order_id).collect::<Vec<_>>(), vec![pending]);
    assert_eq!(d.overdue, 1);
    let expired = later.orders().expire_due(later.now(), 100).await.unwrap();
    later.operations().record_sweep("host-a pid 1", expired).await.unwrap();
    later.operations().record_sweep("host-a pid 1", 0).await.unwrap();
    let d = later.operations().dashboard().await.unwrap();
    assert_eq!(d.overdue, 0);
    assert_eq!(d.last_sweep.map(|(_, n)| n), Some(0), "one row per worker, the latest sweep");
    assert_eq!(d.live_workers, vec![("host-a pid 1".to_owned(), later.now())]);
    // A worker silent for a day is forgotten at the next record.
    let next_week = fx.at(fx.now() + Duration::days(7));
    next_week.operations().record_sweep("host-b pid 2", 0).await.unwrap();
    let live = next_week.operations().dashboard().await.unwrap().live_workers;
    assert_eq!(live.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["host-b pid 2"]);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn campaigns_count_their_coupons_by_state(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (a, b, c) = (fx.user().await, fx.user().await, fx.user().await);
    let p = fx.product(50_000, 10).await;
    let campaign = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(10)).await;
    let other = fx.campaign(CouponKind::Percent, 5, None, None, None).await;
    let ca = fx.facade.coupons().claim_coupon(a, campaign).await.unwrap().id;
    let cb = fx.facade.coupons().claim_coupon(b, campaign).await.unwrap().id;
    fx.facade.coupons().claim_coupon(c, campaign).await.unwrap();
    fx.facade.orders().place_order(a, order(&[(p, 1)], Some(ca))).await.unwrap();
    let paid = fx.facade.orders().place_order(b, order(&[(p, 1)], Some(cb))).await.unwrap().order.id;
    fx.facade.orders().pay(b, paid, None).await.unwrap();

    let stats = fx.facade.coupons().campaigns().await.unwrap();
    assert_eq!(stats.iter().map(|s| s.campaign.id).collect::<Vec<_>>(), vec![other, campaign], "newest first");
    let s = &stats[1];
    assert_eq!((s.available, s.reserved, s.used, s.campaign.issued_count), (1, 1, 1, 3));
    assert_eq!((stats[0].available, stats[0].reserved, stats[0].used), (0, 0, 0));
    fx.cleanup().await;
}

async fn the_listing_uses_indexes_with_a_hundred_thousand_orders() {
    let fx = Fixture::new(Backend::Postgres).await;
    let user = fx.user().await;
    // 100,000 orders in one statement: a third each pending, paid and cancelled.
    fx.db
        .execute_unprepared(&format!(
            "INSERT INTO orders (user_id, status, cancel_reason, subtotal, discount, total, expires_at, created_at, updated_at)
             SELECT {user},
                    (ARRAY['pending_payment','paid','cancelled'])[1 + g % 3],
                    CASE WHEN g % 3 = 2 THEN 'expired' END,
                    1000, 0, 1000, now() + interval '10 minutes', now() - g * interval '1 second', now()
             FROM generate_series(1, 100000) AS g"
        ))
        .await
        .unwrap();
    fx.db.execute_unprepared("ANALYZE orders").await.unwrap();
    let plan = |filter: OrderFilter| {
        let fx = &fx;
        async move {
            use sea_orm::QuerySelect;
            let sql = domain::orders::admin_orders_query(&filter).limit(25).build(sea_orm::DbBackend::Postgres);
            let explain = Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                format!("EXPLAIN {}", sql.sql),
                sql.values.map(|v| v.0).unwrap_or_default(),
            );
            let rows = fx.db.query_all_raw(explain).await.unwrap();
            rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect::<Vec<_>>().join("\n")
        }
    };
    for filter in [
        OrderFilter::default(),
        OrderFilter { status: Some(StatusFilter::Paid), ..OrderFilter::default() },
        OrderFilter { status: Some(StatusFilter::Expired), ..OrderFilter::default() },
        OrderFilter { user_id: Some(user), ..OrderFilter::default() },
    ] {
        let p = plan(filter.clone()).await;
        assert!(p.contains("Index"), "{filter:?} should use an index:\n{p}");
        assert!(!p.contains("Seq Scan on orders"), "{filter:?} scans the whole table:\n{p}");
    }
    let page = fx
        .facade
        .orders()
        .admin_orders(&OrderFilter { status: Some(StatusFilter::Paid), ..OrderFilter::default() }, 2, 25)
        .await
        .unwrap();
    assert_eq!((page.total, page.items.len()), (33_334, 25), "g % 3 = 1 for 33,334 of 1..=100,000");
    fx.cleanup().await;
}
