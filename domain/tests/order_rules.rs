//! Every rule of `docs/domain.md`, on SQLite and on PostgreSQL.
mod common;

use chrono::Duration;
use common::{Backend, Fixture, PAYMENT_TTL, on_both_databases, order};
use domain::coupons::CouponKind;
use domain::status::{CancelReason, CouponStatus, EventKind, OrderStatus};
use domain::types::{IdempotencyKey, OrderLines};
use domain::{CouponRejection, DomainError, PlaceOrder};

on_both_databases!(
    placing_takes_stock_and_snapshots_prices,
    invalid_or_stopped_product_fails_and_changes_nothing,
    out_of_stock_on_a_later_line_gives_earlier_lines_back,
    each_coupon_rejection_leaves_stock_and_coupons_unchanged,
    coupon_checks_come_after_stock_checks,
    discounts_round_down_and_respect_caps,
    idempotent_placing_returns_the_same_order_and_rejects_another_body,
    paying_marks_the_order_paid_and_the_coupon_used,
    declined_card_leaves_the_order_pending,
    paying_after_the_deadline_fails_and_changes_nothing,
    expiring_twice_is_a_no_op_and_restores_once,
    expiring_a_paid_or_not_yet_due_order_changes_nothing,
    cancel_restores_stock_and_coupon_once,
    another_shoppers_order_reads_as_missing,
    sweep_expires_every_due_order_in_bounded_batches,
    a_sweep_batch_gives_back_every_line_and_coupon_once,
    quote_changes_nothing_and_matches_placing,
    stock_adjustments_are_recorded_and_never_go_below_zero,
);

async fn placing_takes_stock_and_snapshots_prices(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let a = fx.product(12_000, 5).await;
    let b = fx.product(3_500, 10).await;
    let placed = fx.facade.orders().place_order(user, order(&[(b, 3), (a, 2)], None)).await.unwrap();
    let o = placed.order;
    assert!(placed.created);
    assert_eq!(o.status, OrderStatus::PendingPayment);
    assert_eq!((o.subtotal, o.discount, o.total), (34_500, 0, 34_500));
    assert_eq!(
        o.items.iter().map(|i| (i.product_id, i.quantity, i.unit_price, i.line_total)).collect::<Vec<_>>(),
        vec![(a, 2, 12_000, 24_000), (b, 3, 3_500, 10_500)]
    );
    let ttl = o.expires_at - o.created_at;
    assert_eq!(ttl, Duration::from_std(PAYMENT_TTL).unwrap());
    assert_eq!((fx.stock(a).await, fx.stock(b).await), (3, 7));
    // A later price change does not change the order.
    fx.facade
        .catalog()
        .update_product(a, domain::catalog::ProductPatch::parse(None, Some(99_000), None, None).unwrap(), None)
        .await
        .unwrap();
    let again = fx.facade.orders().order_for(user, o.id).await.unwrap();
    assert_eq!(again.items[0].unit_price, 12_000);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn invalid_or_stopped_product_fails_and_changes_nothing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let a = fx.product(1_000, 5).await;
    let stopped = fx.product(1_000, 5).await;
    fx.facade
        .catalog()
        .update_product(stopped, domain::catalog::ProductPatch::parse(None, None, None, Some("stopped")).unwrap(), None)
        .await
        .unwrap();
    let err = fx.facade.orders().place_order(user, order(&[(a, 1), (999_999, 1)], None)).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidProduct { product_id: 999_999, .. }), "{err:?}");
    let err = fx.facade.orders().place_order(user, order(&[(a, 1), (stopped, 1)], None)).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidProduct { product_id, .. } if product_id == stopped), "{err:?}");
    assert_eq!((fx.stock(a).await, fx.stock(stopped).await), (5, 5));
    assert_eq!(fx.order_count().await, 0);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn out_of_stock_on_a_later_line_gives_earlier_lines_back(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let a = fx.product(1_000, 5).await;
    let b = fx.product(1_000, 1).await;
    let err = fx.facade.orders().place_order(user, order(&[(a, 2), (b, 2)], None)).await.unwrap_err();
    assert!(matches!(err, DomainError::OutOfStock { product_id, .. } if product_id == b), "{err:?}");
    assert_eq!((fx.stock(a).await, fx.stock(b).await), (5, 1));
    assert_eq!(fx.order_count().await, 0);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn each_coupon_rejection_leaves_stock_and_coupons_unchanged(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let other = fx.user().await;
    let p = fx.product(10_000, 50).await;
    let t0 = fx.now();

    // (issued coupon, expected reason, when: `None` is the real now, `Some(t)` a clock showing `t`).
    type When = Option<chrono::DateTime<chrono::Utc>>;
    let mut cases: Vec<(i64, CouponRejection, When)> = Vec::new();
    cases.push((987_654, CouponRejection::NotFound, None));
    let others = fx.coupon_for(other, CouponKind::Fixed, 1_000, None, None).await;
    cases.push((others, CouponRejection::NotOwner, None));
    let used = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let paid = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(used))).await.unwrap().order;
    fx.facade.orders().pay(user, paid.id, None).await.unwrap();
    cases.push((used, CouponRejection::AlreadyUsed, None));
    let reserved = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    fx.facade.orders().place_order(user, order(&[(p, 1)], Some(reserved))).await.unwrap();
    cases.push((reserved, CouponRejection::Reserved, None));
    let min = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, Some(20_001)).await;
    cases.push((min, CouponRejection::MinOrderNotMet, None));
    // A window of one hour from now: before it, not yet valid; after it, expired.
    let window = domain::coupons::NewCoupon::parse(
        "Window",
        CouponKind::Fixed,
        1_000,
        None,
        None,
        Some(t0 + Duration::hours(1)),
        Some(t0 + Duration::hours(2)),
        None,
    )
    .unwrap();
    let window = fx.facade.coupons().create_coupon(window).await.unwrap();
    let windowed = fx.facade.coupons().issue_coupon(window.id, user).await.unwrap().id;
    cases.push((windowed, CouponRejection::NotYetValid, Some(t0)));
    cases.push((windowed, CouponRejection::Expired, Some(t0 + Duration::hours(3))));

    let stock_before = fx.stock(p).await;
    let orders_before = fx.order_count().await;
    for (coupon, reason, at) in cases {
        let before = if coupon == 987_654 { None } else { Some(fx.coupon_status(coupon).await) };
        let facade = at.map_or_else(|| fx.facade.clone(), |t| fx.at(t));
        let err = facade.orders().place_order(user, order(&[(p, 2)], Some(coupon))).await.unwrap_err();
        assert!(matches!(err, DomainError::InvalidCoupon(r) if r == reason), "expected {reason:?}, got {err:?}");
        assert_eq!(fx.stock(p).await, stock_before, "stock changed after {reason:?}");
        assert_eq!(fx.order_count().await, orders_before, "an order was saved after {reason:?}");
        if let Some(before) = before {
            assert_eq!(fx.coupon_status(coupon).await, before, "coupon changed after {reason:?}");
        }
    }
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn coupon_checks_come_after_stock_checks(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 1).await;
    let err = fx.facade.orders().place_order(user, order(&[(p, 2)], Some(424_242))).await.unwrap_err();
    assert!(matches!(err, DomainError::OutOfStock { .. }), "{err:?}");
    fx.cleanup().await;
}

async fn discounts_round_down_and_respect_caps(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(12_345, 100).await;
    let cheap = fx.product(2_500, 100).await;
    let cases = [
        (p, 1, CouponKind::Percent, 10, None, 1_234),
        (p, 1, CouponKind::Percent, 10, Some(1_000), 1_000),
        (p, 2, CouponKind::Percent, 15, None, 3_703),
        (p, 1, CouponKind::Fixed, 5_000, None, 5_000),
        (cheap, 1, CouponKind::Fixed, 5_000, None, 2_500),
        (cheap, 1, CouponKind::Percent, 100, None, 2_500),
    ];
    for (product, qty, kind, value, max, expected) in cases {
        let c = fx.coupon_for(user, kind, value, max, None).await;
        let o = fx.facade.orders().place_order(user, order(&[(product, qty)], Some(c))).await.unwrap().order;
        assert_eq!(o.discount, expected, "{kind:?} {value} cap {max:?} on {}", o.subtotal);
        assert_eq!(o.total, o.subtotal - expected);
        assert!(o.total >= 0);
        assert_eq!(fx.coupon_status(c).await, (CouponStatus::Reserved, Some(o.id)));
    }
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn idempotent_placing_returns_the_same_order_and_rejects_another_body(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let stranger = fx.user().await;
    let p = fx.product(1_000, 10).await;
    let keyed = |qty: i64| PlaceOrder {
        lines: OrderLines::parse([(p, qty)]).unwrap(),
        coupon_id: None,
        idempotency_key: Some(IdempotencyKey::parse("checkout-1").unwrap()),
        shipping: None,
    };
    let first = fx.facade.orders().place_order(user, keyed(2)).await.unwrap();
    let again = fx.facade.orders().place_order(user, keyed(2)).await.unwrap();
    assert!(first.created && !again.created);
    assert_eq!(first.order, again.order);
    let err = fx.facade.orders().place_order(user, keyed(3)).await.unwrap_err();
    assert!(matches!(err, DomainError::IdempotencyConflict), "{err:?}");
    // Keys belong to one shopper.
    let theirs = fx.facade.orders().place_order(stranger, keyed(2)).await.unwrap();
    assert!(theirs.created && theirs.order.id != first.order.id);
    assert_eq!(fx.stock(p).await, 6);
    // Concurrent retries of one request still make one order.
    let retries = (0..10).map(|_| {
        fx.facade.orders().place_order(
            user,
            PlaceOrder { idempotency_key: Some(IdempotencyKey::parse("checkout-2").unwrap()), ..keyed(1) },
        )
    });
    let results = futures::future::join_all(retries).await;
    let ids: std::collections::HashSet<i64> = results.into_iter().map(|r| r.unwrap().order.id).collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(fx.stock(p).await, 5);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn paying_marks_the_order_paid_and_the_coupon_used(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(c))).await.unwrap().order;
    let paid = fx.facade.orders().pay(user, o.id, Some("4242 4242 4242 4242")).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
    assert!(paid.paid_at.is_some());
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Used, Some(o.id)));
    let err = fx.facade.orders().pay(user, o.id, None).await.unwrap_err();
    assert!(matches!(err, DomainError::OrderNotPayable), "{err:?}");
    let err = fx.facade.orders().cancel_by_customer(user, o.id).await.unwrap_err();
    assert!(matches!(err, DomainError::OrderNotCancellable), "{err:?}");
    assert_eq!(fx.stock(p).await, 9);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn declined_card_leaves_the_order_pending(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    let err = fx.facade.orders().pay(user, o.id, Some(domain::payment::DECLINED_TEST_CARD)).await.unwrap_err();
    assert!(matches!(err, DomainError::PaymentDeclined), "{err:?}");
    assert_eq!(fx.facade.orders().order_for(user, o.id).await.unwrap().status, OrderStatus::PendingPayment);
    fx.cleanup().await;
}

async fn paying_after_the_deadline_fails_and_changes_nothing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 1_000, None, None).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(c))).await.unwrap().order;
    let late = fx.at(o.expires_at);
    let err = late.orders().pay(user, o.id, None).await.unwrap_err();
    assert!(matches!(err, DomainError::OrderNotPayable), "{err:?}");
    assert_eq!(fx.facade.orders().order_for(user, o.id).await.unwrap().status, OrderStatus::PendingPayment);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Reserved, Some(o.id)));
    // And once expired, still not payable.
    assert!(late.orders().expire(o.id).await.unwrap());
    let err = fx.facade.orders().pay(user, o.id, None).await.unwrap_err();
    assert!(matches!(err, DomainError::OrderNotPayable), "{err:?}");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn expiring_twice_is_a_no_op_and_restores_once(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let c = fx.coupon_for(user, CouponKind::Percent, 10, None, None).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 4)], Some(c))).await.unwrap().order;
    let late = fx.at(o.expires_at + Duration::seconds(1));
    assert!(late.orders().expire(o.id).await.unwrap());
    assert!(!late.orders().expire(o.id).await.unwrap());
    let both = futures::future::join(late.orders().expire(o.id), late.orders().expire(o.id)).await;
    assert_eq!((both.0.unwrap(), both.1.unwrap()), (false, false));
    let expired = fx.facade.orders().order_for(user, o.id).await.unwrap();
    assert_eq!((expired.status, expired.cancel_reason), (OrderStatus::Cancelled, Some(CancelReason::Expired)));
    assert_eq!(fx.stock(p).await, 10);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Available, None));
    // Missing orders are a no-op too.
    assert!(!late.orders().expire(123_456).await.unwrap());
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn expiring_a_paid_or_not_yet_due_order_changes_nothing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap().order;
    assert!(!fx.facade.orders().expire(o.id).await.unwrap(), "expired before its deadline");
    fx.facade.orders().pay(user, o.id, None).await.unwrap();
    assert!(!fx.at(o.expires_at + Duration::hours(1)).orders().expire(o.id).await.unwrap());
    assert_eq!(fx.facade.orders().order_for(user, o.id).await.unwrap().status, OrderStatus::Paid);
    assert_eq!(fx.stock(p).await, 9);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn cancel_restores_stock_and_coupon_once(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let c = fx.coupon_for(user, CouponKind::Fixed, 2_000, None, None).await;
    let o = fx.facade.orders().place_order(user, order(&[(p, 3)], Some(c))).await.unwrap().order;
    let cancelled = fx.facade.orders().cancel_by_customer(user, o.id).await.unwrap();
    assert_eq!((cancelled.status, cancelled.cancel_reason), (OrderStatus::Cancelled, Some(CancelReason::ByCustomer)));
    assert!(cancelled.cancelled_at.is_some());
    let err = fx.facade.orders().cancel_by_customer(user, o.id).await.unwrap_err();
    assert!(matches!(err, DomainError::OrderNotCancellable), "{err:?}");
    assert!(!fx.at(o.expires_at).orders().expire(o.id).await.unwrap());
    assert_eq!(fx.stock(p).await, 10);
    assert_eq!(fx.coupon_status(c).await, (CouponStatus::Available, None));
    // The released coupon can be used again.
    let again = fx.facade.orders().place_order(user, order(&[(p, 1)], Some(c))).await.unwrap().order;
    assert_eq!(again.discount, 2_000);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn another_shoppers_order_reads_as_missing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let owner = fx.user().await;
    let intruder = fx.user().await;
    let p = fx.product(10_000, 10).await;
    let o = fx.facade.orders().place_order(owner, order(&[(p, 1)], None)).await.unwrap().order;
    assert!(matches!(fx.facade.orders().order_for(intruder, o.id).await, Err(DomainError::NotFound)));
    assert!(matches!(fx.facade.orders().pay(intruder, o.id, None).await, Err(DomainError::NotFound)));
    assert!(matches!(fx.facade.orders().cancel_by_customer(intruder, o.id).await, Err(DomainError::NotFound)));
    assert!(fx.facade.orders().orders_of(intruder).await.unwrap().items.is_empty());
    assert_eq!(fx.facade.orders().order_for(owner, o.id).await.unwrap().status, OrderStatus::PendingPayment);
    fx.cleanup().await;
}

async fn sweep_expires_every_due_order_in_bounded_batches(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(1_000, 1_000).await;
    for _ in 0..25 {
        fx.facade.orders().place_order(user, order(&[(p, 2)], None)).await.unwrap();
    }
    assert_eq!(fx.stock(p).await, 950);
    let now = fx.now();
    assert_eq!(fx.facade.orders().expire_due(now, 10).await.unwrap(), 0, "nothing is due yet");
    let later = now + Duration::from_std(PAYMENT_TTL).unwrap() + Duration::seconds(1);
    let mut batches = Vec::new();
    loop {
        let n = fx.facade.orders().expire_due(later, 10).await.unwrap();
        batches.push(n);
        if n < 10 {
            break;
        }
    }
    assert_eq!(batches, vec![10, 10, 5]);
    assert_eq!(fx.stock(p).await, 1_000);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// The sweep cancels a whole batch with a few set-based statements: orders sharing products,
/// with and without coupons, among paid and cancelled ones, must each get back exactly their own.
async fn a_sweep_batch_gives_back_every_line_and_coupon_once(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (a, b, c) = (fx.product(1_000, 100).await, fx.product(2_000, 100).await, fx.product(3_000, 100).await);
    let mut pending = Vec::new();
    for i in 0..12_i64 {
        let user = fx.user().await;
        let coupon =
            if i % 2 == 0 { Some(fx.coupon_for(user, CouponKind::Fixed, 100, None, None).await) } else { None };
        let lines = match i % 3 {
            0 => vec![(a, 1 + i % 4)],
            1 => vec![(c, 2), (a, 1)],
            _ => vec![(b, 3), (c, 1), (a, 2)],
        };
        let o = fx.facade.orders().place_order(user, order(&lines, coupon)).await.unwrap().order;
        pending.push((user, o.id, coupon));
    }
    // One paid and one cancelled by the shopper: the sweep must leave both alone.
    let (paid_user, paid, paid_coupon) = pending.remove(0);
    fx.facade.orders().pay(paid_user, paid, None).await.unwrap();
    let (gone_user, gone, _) = pending.remove(0);
    fx.facade.orders().cancel_by_customer(gone_user, gone).await.unwrap();
    let held = (100 - fx.stock(a).await, 100 - fx.stock(b).await, 100 - fx.stock(c).await);
    assert_eq!(held, (21, 12, 10), "what the 10 pending and the paid order hold");

    let later = fx.now() + Duration::from_std(PAYMENT_TTL).unwrap() + Duration::seconds(1);
    assert_eq!(fx.facade.orders().expire_due(later, 100).await.unwrap(), 10);
    assert_eq!(fx.facade.orders().expire_due(later, 100).await.unwrap(), 0, "a second sweep finds nothing");
    // Only the paid order (product a, 1 unit) still holds stock.
    assert_eq!((fx.stock(a).await, fx.stock(b).await, fx.stock(c).await), (99, 100, 100));
    assert_eq!(fx.coupon_status(paid_coupon.unwrap()).await.0, CouponStatus::Used);
    for (_, id, coupon) in &pending {
        let (o, events) = fx.facade.orders().admin_order(*id).await.unwrap();
        assert_eq!((o.order.status, o.order.cancel_reason), (OrderStatus::Cancelled, Some(CancelReason::Expired)));
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        let count = |k: &str| kinds.iter().filter(|x| **x == k).count();
        assert_eq!((count("cancelled"), count("stock_restored")), (1, 1), "{kinds:?}");
        assert_eq!(count("coupon_released"), usize::from(coupon.is_some()), "{kinds:?}");
        let restored = events.iter().find(|e| e.kind == EventKind::StockRestored).unwrap();
        let lines: Vec<String> = o.order.items.iter().map(|i| format!("{}x{}", i.product_id, i.quantity)).collect();
        assert_eq!(restored.detail.as_deref(), Some(lines.join(", ").as_str()));
        if let Some(c) = coupon {
            assert_eq!(fx.coupon_status(*c).await, (CouponStatus::Available, None));
        }
    }
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn quote_changes_nothing_and_matches_placing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(12_345, 3).await;
    let c = fx.coupon_for(user, CouponKind::Percent, 15, Some(10_000), None).await;
    let q = fx.facade.orders().quote(user, &order(&[(p, 3)], Some(c))).await.unwrap();
    assert_eq!(fx.stock(p).await, 3);
    assert_eq!(fx.coupon_status(c).await.0, CouponStatus::Available);
    assert!(matches!(
        fx.facade.orders().quote(user, &order(&[(p, 4)], Some(c))).await,
        Err(DomainError::OutOfStock { .. })
    ));
    let o = fx.facade.orders().place_order(user, order(&[(p, 3)], Some(c))).await.unwrap().order;
    assert_eq!((q.subtotal, q.discount, q.total), (o.subtotal, o.discount, o.total));
    assert_eq!((o.subtotal, o.discount), (37_035, 5_555));
    fx.cleanup().await;
}

async fn stock_adjustments_are_recorded_and_never_go_below_zero(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(1_000, 5).await;
    fx.facade.orders().place_order(user, order(&[(p, 2)], None)).await.unwrap();
    assert_eq!(fx.facade.catalog().adjust_stock(p, 10, "delivery", None).await.unwrap().stock, 13);
    assert!(matches!(
        fx.facade.catalog().adjust_stock(p, -14, "breakage", None).await,
        Err(DomainError::Validation { .. })
    ));
    assert_eq!(fx.facade.catalog().adjust_stock(p, -13, "breakage", None).await.unwrap().stock, 0);
    let set = domain::catalog::ProductPatch::parse(None, None, Some(7), None).unwrap();
    assert_eq!(fx.facade.catalog().update_product(p, set, None).await.unwrap().stock, 7);
    fx.assert_invariants().await;
    fx.cleanup().await;
}
