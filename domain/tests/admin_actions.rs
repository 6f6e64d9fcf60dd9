//! What staff do to an order: cancel it while it awaits payment, and note things on its
//! timeline - on SQLite and on PostgreSQL, with real concurrency and the invariants after.
mod common;

use std::sync::Arc;

use chrono::Duration;
use common::{Backend, Fixture, on_both_databases, order};
use domain::DomainError;
use domain::Field;
use domain::coupons::CouponKind;
use domain::payment::{REFUND_DECLINED_TEST_CARD, TestGateway};
use domain::status::{CancelReason, CouponStatus, EventKind, OrderStatus};

on_both_databases!(
    a_refund_gives_back_the_money_the_stock_and_an_open_coupon,
    a_refund_keeps_a_coupon_whose_window_has_closed,
    a_refund_the_gateway_refuses_leaves_the_order_paid,
    a_double_refund_refunds_once,
    refund_racing_cancel_and_expiry_has_one_winner,
    an_admin_cancel_gives_back_stock_and_coupon_and_says_by_admin,
    admin_cancel_racing_the_shopper_s_pay_and_cancel_has_one_winner,
    notes_go_on_the_timeline_and_empty_ones_are_refused,
    sales_of_the_day_and_week_count_paid_orders_and_not_refunded_ones,
);

async fn an_admin_cancel_gives_back_stock_and_coupon_and_says_by_admin(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let placed = fx.facade.orders().place_order(user, order(&[(p, 2)], Some(c))).await.unwrap().order;
    assert_eq!(fx.stock(p).await, 3);
    let cancelled = fx.facade.orders().cancel_by_admin(placed.id).await.unwrap();
    assert_eq!((cancelled.status, cancelled.cancel_reason), (OrderStatus::Cancelled, Some(CancelReason::ByAdmin)));
    assert_eq!(fx.stock(p).await, 5);
    assert_eq!(fx.coupon_status(c).await.0, CouponStatus::Available);
    // Twice is refused, and gives nothing back a second time.
    assert!(matches!(fx.facade.orders().cancel_by_admin(placed.id).await, Err(DomainError::OrderNotCancellable)));
    assert_eq!(fx.stock(p).await, 5);
    // A paid order is not the admin's to cancel (a refund is); an unknown one is not found.
    let paid = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    fx.facade.orders().pay(user, paid.id, None).await.unwrap();
    assert!(matches!(fx.facade.orders().cancel_by_admin(paid.id).await, Err(DomainError::OrderNotCancellable)));
    assert!(matches!(fx.facade.orders().cancel_by_admin(9_999_999).await, Err(DomainError::NotFound)));
    let (_, events) = fx.facade.orders().admin_order(placed.id).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.ends_with(&["cancelled", "stock_restored", "coupon_released"]), "{kinds:?}");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn admin_cancel_racing_the_shopper_s_pay_and_cancel_has_one_winner(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(3_000, 100).await;
    for _ in 0..10 {
        let placed = fx.facade.orders().place_order(user, order(&[(p, 3)], None)).await.unwrap().order;
        let (a, b, c) = (fx.facade.clone(), fx.facade.clone(), fx.facade.clone());
        let id = placed.id;
        let admin = tokio::spawn(async move { a.orders().cancel_by_admin(id).await.is_ok() });
        let pay = tokio::spawn(async move { b.orders().pay(user, id, None).await.is_ok() });
        let mine = tokio::spawn(async move { c.orders().cancel_by_customer(user, id).await.is_ok() });
        let wins = [admin.await.unwrap(), pay.await.unwrap(), mine.await.unwrap()];
        assert_eq!(wins.iter().filter(|w| **w).count(), 1, "exactly one wins: {wins:?}");
    }
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn notes_go_on_the_timeline_and_empty_ones_are_refused(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(3_000, 10).await;
    let placed = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    fx.facade.orders().add_order_note(placed.id, "ops@shop.test", "  고객이 전화함 \n 내일 재확인 ").await.unwrap();
    let empty = fx.facade.orders().add_order_note(placed.id, "ops@shop.test", "   ").await.unwrap_err();
    assert!(matches!(empty, DomainError::Validation { field: Field::Note, .. }), "{empty:?}");
    assert!(matches!(
        fx.facade.orders().add_order_note(9_999_999, "ops@shop.test", "x").await,
        Err(DomainError::NotFound)
    ));
    let (_, events) = fx.facade.orders().admin_order(placed.id).await.unwrap();
    let note = events.iter().find(|e| e.kind == EventKind::Note).unwrap();
    assert_eq!(note.detail.as_deref(), Some("ops@shop.test: 고객이 전화함 \n 내일 재확인"));
    fx.cleanup().await;
}

async fn a_refund_gives_back_the_money_the_stock_and_an_open_coupon(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let gateway = Arc::new(TestGateway::new(fx.db.clone()));
    let facade = fx.facade.clone().with_gateway(gateway.clone());
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let placed = facade.orders().place_order(user, order(&[(p, 2)], Some(c))).await.unwrap().order;
    facade.orders().pay(user, placed.id, None).await.unwrap();
    assert_eq!((fx.stock(p).await, fx.coupon_status(c).await.0.as_str()), (3, "used"));
    let refunded = facade.orders().refund(placed.id).await.unwrap();
    assert_eq!(refunded.status, OrderStatus::Refunded);
    assert_eq!(gateway.refunds().await.unwrap(), 1);
    assert_eq!(fx.stock(p).await, 5);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Available, None));
    let (_, events) = facade.orders().admin_order(placed.id).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.ends_with(&["refunded", "stock_restored", "coupon_released"]), "{kinds:?}");
    // A refunded order is refunded: again is refused; pending and cancelled ones too.
    assert!(matches!(facade.orders().refund(placed.id).await, Err(DomainError::OrderNotRefundable)));
    let pending = facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    assert!(matches!(facade.orders().refund(pending.id).await, Err(DomainError::OrderNotRefundable)));
    assert!(matches!(facade.orders().refund(9_999_999).await, Err(DomainError::NotFound)));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn a_refund_keeps_a_coupon_whose_window_has_closed(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let ends_tomorrow = domain::coupons::NewCoupon::parse(
        "Ends tomorrow",
        CouponKind::Fixed,
        1_000,
        None,
        None,
        None,
        Some(fx.now() + Duration::days(1)),
        None,
    )
    .unwrap();
    let campaign = fx.facade.coupons().create_coupon(ends_tomorrow).await.unwrap().id;
    let c = fx.facade.coupons().issue_coupon(campaign, user).await.unwrap().id;
    let placed = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(c))).await.unwrap().order;
    fx.facade.orders().pay(user, placed.id, None).await.unwrap();
    // Two days later the campaign has ended: the refund gives the money and stock back, not the coupon.
    let later = fx.at(fx.now() + Duration::days(2));
    later.orders().refund(placed.id).await.unwrap();
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Used, Some(placed.id)));
    assert_eq!(fx.stock(p).await, 5);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn a_refund_the_gateway_refuses_leaves_the_order_paid(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 5).await;
    let placed = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    fx.facade.orders().pay(user, placed.id, Some(REFUND_DECLINED_TEST_CARD)).await.unwrap();
    let err = fx.facade.orders().refund(placed.id).await.unwrap_err();
    assert!(matches!(err, DomainError::RefundDeclined { .. }), "{err:?}");
    assert_eq!(fx.facade.orders().order_for(user, placed.id).await.unwrap().status, OrderStatus::Paid);
    assert_eq!(fx.stock(p).await, 4);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn a_double_refund_refunds_once(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let gateway = Arc::new(TestGateway::new(fx.db.clone()));
    let facade = fx.facade.clone().with_gateway(gateway.clone());
    let user = fx.user().await;
    let p = fx.product(2_000, 100).await;
    for _ in 0..5 {
        let placed = facade.orders().place_order(user, order(&[(p, 4)], None)).await.unwrap().order;
        facade.orders().pay(user, placed.id, None).await.unwrap();
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let f = facade.clone();
                tokio::spawn(async move { f.orders().refund(placed.id).await })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => ok += 1,
                Err(DomainError::OrderNotRefundable) => {}
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!(ok, 1, "one refund wins");
    }
    assert_eq!(gateway.refunds().await.unwrap(), 5, "each charge is given back once");
    assert_eq!(fx.stock(p).await, 100, "stock came back once per order");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn refund_racing_cancel_and_expiry_has_one_winner(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(2_000, 100).await;
    for round in 0..6 {
        let placed = fx.facade.orders().place_order(user, order(&[(p, 2)], None)).await.unwrap().order;
        // Half the rounds the order is paid (refund can win), half it is pending (cancel or expiry can).
        if round % 2 == 0 {
            fx.facade.orders().pay(user, placed.id, None).await.unwrap();
        }
        let id = placed.id;
        let after_deadline = fx.at(fx.now() + Duration::minutes(11));
        let (a, b, c) = (fx.facade.clone(), fx.facade.clone(), after_deadline);
        let refund = tokio::spawn(async move { a.orders().refund(id).await.is_ok() });
        let cancel = tokio::spawn(async move { b.orders().cancel_by_customer(user, id).await.is_ok() });
        let expire = tokio::spawn(async move { c.orders().expire(id).await.is_ok_and(|changed| changed) });
        let wins = [refund.await.unwrap(), cancel.await.unwrap(), expire.await.unwrap()];
        assert_eq!(wins.iter().filter(|w| **w).count(), 1, "round {round}: {wins:?}");
    }
    assert_eq!(fx.stock(p).await, 100, "every order gave its stock back exactly once");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn sales_of_the_day_and_week_count_paid_orders_and_not_refunded_ones(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    for _ in 0..3 {
        let o = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
        fx.facade.orders().pay(user, o.id, None).await.unwrap();
    }
    let refunded = fx.facade.orders().place_order(user, order(&[(p, 2)], None)).await.unwrap().order;
    fx.facade.orders().pay(user, refunded.id, None).await.unwrap();
    fx.facade.orders().refund(refunded.id).await.unwrap();
    let now = fx.now();
    let d = fx.facade.operations().dashboard_from(now - Duration::hours(1), now - Duration::days(3)).await.unwrap();
    assert_eq!((d.revenue_today, d.revenue_week), (30_000, 30_000));
    // A day that began after the sales: nothing today, all of them this week.
    let d = fx.facade.operations().dashboard_from(now + Duration::minutes(1), now - Duration::days(3)).await.unwrap();
    assert_eq!((d.revenue_today, d.revenue_week), (0, 30_000));
    fx.cleanup().await;
}
