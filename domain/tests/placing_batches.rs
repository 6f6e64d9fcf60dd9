//! Orders placed together in one transaction (group commit): each is judged as if placed after
//! the ones before it, answered for itself, and a batch that loses a race to another process is
//! placed again one by one. Then the invariants. (Two processes racing: `concurrency.rs`.)
mod common;

use common::{Backend, Fixture, on_both_databases, order};
use domain::coupons::CouponKind;
use domain::orders::Placed;
use domain::status::CouponStatus;
use domain::types::IdempotencyKey;
use domain::types::UserId;
use domain::{CouponRejection, DomainError, DomainResult, PlaceOrder};
use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};

on_both_databases!(
    a_mixed_batch_answers_each_order_for_itself,
    two_tries_of_one_key_in_a_batch_make_one_order,
    many_mixed_orders_at_once_keep_every_rule,
);

fn refusal(outcome: &DomainResult<Placed>) -> Option<&DomainError> {
    outcome.as_ref().err()
}

async fn a_mixed_batch_answers_each_order_for_itself(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let a = fx.product(10_000, 3).await;
    let off_sale = fx.product(5_000, 10).await;
    fx.facade
        .catalog()
        .update_product(
            off_sale,
            domain::catalog::ProductPatch::parse(None, None, None, Some("stopped")).unwrap(),
            None,
        )
        .await
        .unwrap();
    let (u1, u2, u3, u4) = (fx.user().await, fx.user().await, fx.user().await, fx.user().await);
    let c1 = fx.coupon_for(u1, CouponKind::Fixed, 1_000, None, None).await;
    let outcomes = fx
        .facade
        .orders()
        .place_orders_together(vec![
            (u1, order(&[(a, 1)], Some(c1))),                // placed, with its coupon
            (u2, order(&[(a, 1)], Some(c1))),                // someone else's coupon
            (u1, order(&[(a, 1)], Some(c1))),                // the coupon the first order reserves
            (u3, order(&[(off_sale, 1), (a, 9)], Some(c1))), // product before stock before coupon
            (u3, order(&[(a, 2)], None)),                    // the last two units
            (u4, order(&[(a, 1)], Some(c1))),                // sold out: stock before coupon
        ])
        .await;
    assert_eq!(outcomes.len(), 6);
    let first = outcomes[0].as_ref().expect("the first order is placed");
    assert_eq!((first.order.subtotal, first.order.discount, first.order.total), (10_000, 1_000, 9_000));
    assert!(matches!(refusal(&outcomes[1]), Some(DomainError::InvalidCoupon(CouponRejection::NotOwner))));
    assert!(matches!(refusal(&outcomes[2]), Some(DomainError::InvalidCoupon(CouponRejection::Reserved))));
    assert!(
        matches!(refusal(&outcomes[3]), Some(DomainError::InvalidProduct { product_id, .. }) if *product_id == off_sale)
    );
    let fifth = outcomes[4].as_ref().expect("the fifth order is placed");
    assert_eq!((fifth.order.user_id, fifth.order.total, fifth.order.items.len()), (u3, 20_000, 1));
    assert_eq!(fifth.order.items[0].quantity, 2);
    assert!(matches!(refusal(&outcomes[5]), Some(DomainError::OutOfStock { product_id, .. }) if *product_id == a));
    assert_ne!(first.order.id, fifth.order.id);
    // One transaction placed both (one clock reading), not a fallback one by one.
    assert_eq!(first.order.created_at, fifth.order.created_at);
    assert_eq!(fx.stock(a).await, 0);
    assert_eq!(fx.order_count().await, 2);
    assert_eq!(fx.coupon_status(c1).await, (CouponStatus::Reserved, Some(first.order.id)));
    // Each answer is the order as stored.
    for placed in [first, fifth] {
        assert_eq!(fx.facade.orders().order_for(placed.order.user_id, placed.order.id).await.unwrap(), placed.order);
    }
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn two_tries_of_one_key_in_a_batch_make_one_order(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let p = fx.product(1_000, 10).await;
    let (u1, u2) = (fx.user().await, fx.user().await);
    let keyed = |key: &str, qty| {
        let mut o = order(&[(p, qty)], None);
        o.idempotency_key = Some(IdempotencyKey::parse(key).unwrap());
        o
    };
    let outcomes = fx
        .facade
        .orders()
        .place_orders_together(vec![
            (u1, keyed("k-1", 1)),
            (u2, keyed("k-1", 1)), // the same key of another shopper is another order
            (u1, keyed("k-1", 1)), // a retry: the first order again
            (u1, keyed("k-1", 2)), // the key with another request
        ])
        .await;
    let first = outcomes[0].as_ref().unwrap();
    assert!(first.created);
    let other = outcomes[1].as_ref().unwrap();
    assert!(other.created && other.order.id != first.order.id);
    let retry = outcomes[2].as_ref().unwrap();
    assert!(!retry.created);
    assert_eq!(retry.order.id, first.order.id);
    assert!(matches!(refusal(&outcomes[3]), Some(DomainError::IdempotencyConflict)));
    assert_eq!(fx.stock(p).await, 8);
    assert_eq!(fx.order_count().await, 2);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// 90 shoppers at once, a third with a coupon of their own, a third with a neighbour's, a fifth
/// also wanting the scarce product: whatever the batches, the rules hold for every order.
async fn many_mixed_orders_at_once_keep_every_rule(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let plenty = fx.product(3_000, 40).await;
    let scarce = fx.product(7_000, 5).await;
    let mut shoppers = Vec::new();
    for _ in 0..90 {
        let u = fx.user().await;
        let c = fx.coupon_for(u, CouponKind::Percent, 10, Some(1_000), None).await;
        shoppers.push((u, c));
    }
    let tasks: Vec<_> = (0..shoppers.len())
        .map(|i| {
            let (user, own) = shoppers[i];
            let neighbours = shoppers[(i + 1) % shoppers.len()].1;
            let coupon = match i % 3 {
                0 => None,
                1 => Some(own),
                _ => Some(neighbours),
            };
            let lines: Vec<(i64, i64)> = if i % 5 == 0 { vec![(plenty, 1), (scarce, 1)] } else { vec![(plenty, 1)] };
            let facade = fx.facade.clone();
            tokio::spawn(async move { (i, facade.orders().place_order(user, order(&lines, coupon)).await) })
        })
        .collect();
    let mut placed_units = (0, 0);
    let mut placed_at = std::collections::HashSet::new();
    for t in tasks {
        let (i, outcome) = t.await.unwrap();
        match outcome {
            Ok(p) => {
                placed_at.insert(p.order.created_at);
                assert!(i % 3 != 2, "order {i} was placed with a neighbour's coupon");
                for item in &p.order.items {
                    if item.product_id == plenty {
                        placed_units.0 += 1;
                    } else {
                        placed_units.1 += 1;
                    }
                }
                let expected_discount = if i % 3 == 1 { p.order.subtotal / 10 } else { 0 };
                assert_eq!(p.order.discount, expected_discount.min(1_000), "order {i}");
            }
            Err(DomainError::InvalidCoupon(CouponRejection::NotOwner)) => assert_eq!(i % 3, 2),
            Err(DomainError::OutOfStock { product_id, .. }) => {
                assert!(product_id == plenty || (product_id == scarce && i % 5 == 0), "order {i}: {product_id}")
            }
            Err(e) => panic!("order {i}: unexpected {e:?}"),
        }
    }
    // 60 orders may be placed (no neighbour's coupon): 40 units of `plenty` for them.
    assert_eq!(placed_units.0, 40);
    assert_eq!(fx.stock(plenty).await, 0);
    assert_eq!(fx.stock(scarce).await, 5 - placed_units.1);
    assert_eq!(fx.order_count().await, 40);
    // Orders that arrived together shared a transaction (one clock reading per batch).
    assert!(placed_at.len() < 40, "no two of the 40 orders were placed in one batch");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// A batch reads 5 units, another process's order takes 4 before the batch's stock update: the
/// update finds too little, the batch rolls back, and its three orders are placed one by one -
/// the first gets the last unit. PostgreSQL only: SQLite's single writer cannot interleave.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_batch_that_loses_the_stock_race_is_placed_one_by_one() {
    let fx = Fixture::new(Backend::Postgres).await;
    let p = fx.product(1_000, 5).await;
    race_a_rival_for_the_stock(&fx, &[(p, 1)], p).await;
    assert_eq!(fx.stock(p).await, 0);
    assert_eq!(fx.order_count().await, 1);
    // Give the rival's 4 units back (they were never an order) before checking the invariants.
    fx.db.execute_unprepared(&format!("UPDATE products SET stock = stock + 4 WHERE id = {p}")).await.unwrap();
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// As above with two products per order, and the rival takes the second (higher id) one: the
/// batch's one stock statement changes the first product but not the second, sees which row it
/// could not change, rolls back, and the orders placed one by one are refused for that product.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_batch_short_of_its_second_product_names_that_product() {
    let fx = Fixture::new(Backend::Postgres).await;
    let first = fx.product(1_000, 5).await;
    let second = fx.product(2_000, 5).await;
    assert!(first < second);
    race_a_rival_for_the_stock(&fx, &[(second, 1), (first, 1)], second).await;
    assert_eq!((fx.stock(first).await, fx.stock(second).await), (4, 0));
    assert_eq!(fx.order_count().await, 1);
    fx.db.execute_unprepared(&format!("UPDATE products SET stock = stock + 4 WHERE id = {second}")).await.unwrap();
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// A batch locks its products in ascending id order before it changes their stock: while another
/// process holds the lower product, the batch waits for it holding no higher one, so the other
/// process may still take the higher one (in the opposite order the two would deadlock).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_batch_waiting_for_its_lower_product_holds_no_higher_one() {
    let fx = Fixture::new(Backend::Postgres).await;
    let first = fx.product(1_000, 5).await;
    let second = fx.product(2_000, 5).await;
    assert!(first < second);
    let lines = [(second, 1), (first, 1)];
    let orders = vec![(fx.user().await, order(&lines, None)), (fx.user().await, order(&lines, None))];
    let placed = place_behind_a_held_lower_row(&fx, "products", first, second, orders).await;
    assert!(placed.iter().all(Result::is_ok), "{placed:?}");
    assert_eq!((fx.stock(first).await, fx.stock(second).await), (3, 3));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// The same for a batch's coupon reservations: locked in ascending id order before they change.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_batch_waiting_for_its_lower_coupon_holds_no_higher_one() {
    let fx = Fixture::new(Backend::Postgres).await;
    let p = fx.product(1_000, 5).await;
    let (u1, u2) = (fx.user().await, fx.user().await);
    let c1 = fx.coupon_for(u1, CouponKind::Fixed, 100, None, None).await;
    let c2 = fx.coupon_for(u2, CouponKind::Fixed, 100, None, None).await;
    assert!(c1 < c2);
    let orders = vec![(u2, order(&[(p, 1)], Some(c2))), (u1, order(&[(p, 1)], Some(c1)))];
    let placed = place_behind_a_held_lower_row(&fx, "user_coupons", c1, c2, orders).await;
    assert!(placed.iter().all(Result::is_ok), "{placed:?}");
    assert_eq!(fx.coupon_status(c1).await.0, CouponStatus::Reserved);
    assert_eq!(fx.coupon_status(c2).await.0, CouponStatus::Reserved);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Places `orders` as one batch while another transaction holds row `lower` of `table` (as an
/// update would lock it); once the batch waits for that row, checks that the batch holds no lock
/// on row `higher`, then lets the batch go on and returns its answers.
async fn place_behind_a_held_lower_row(
    fx: &Fixture,
    table: &str,
    lower: i64,
    higher: i64,
    orders: Vec<(UserId, PlaceOrder)>,
) -> Vec<DomainResult<Placed>> {
    // NO KEY UPDATE, as the batch locks: the batch's foreign-key checks on the row go by.
    let lock = |id: i64, wait: &str| format!("SELECT id FROM {table} WHERE id = {id} FOR NO KEY UPDATE{wait}");
    let waiting = BatchBehindAHeldRow::start(fx, &lock(lower, ""), orders).await;
    let probe = fx.db.begin().await.unwrap();
    let higher_is_free = probe.execute_unprepared(&lock(higher, " NOWAIT")).await;
    probe.rollback().await.unwrap();
    let placed = waiting.release().await;
    assert!(higher_is_free.is_ok(), "the waiting batch holds {table} row {higher}: {higher_is_free:?}");
    placed
}

/// Three orders of `lines` placed as one batch while another process holds 4 units of `short`
/// (taken before the batch's stock update, committed once the batch waits for the row): the
/// first order is placed, the other two are refused as out of stock naming `short`.
async fn race_a_rival_for_the_stock(fx: &Fixture, lines: &[(i64, i64)], short: i64) {
    let orders = vec![
        (fx.user().await, order(lines, None)),
        (fx.user().await, order(lines, None)),
        (fx.user().await, order(lines, None)),
    ];
    // The other process takes 4 units and holds the row; the batch has read 5 units by the time
    // it waits for the row at its stock update.
    let rival = format!("UPDATE products SET stock = stock - 4 WHERE id = {short}");
    let outcomes = BatchBehindAHeldRow::start(fx, &rival, orders).await.release().await;
    assert!(outcomes[0].is_ok(), "{:?}", outcomes[0]);
    for o in &outcomes[1..] {
        assert!(
            matches!(refusal(o), Some(DomainError::OutOfStock { product_id, .. }) if *product_id == short),
            "{o:?}"
        );
    }
}

/// A batch of orders waiting for a row that another transaction (another process) holds.
struct BatchBehindAHeldRow {
    holder: DatabaseTransaction,
    batch: tokio::task::JoinHandle<Vec<DomainResult<Placed>>>,
}

impl BatchBehindAHeldRow {
    /// Runs `hold` in a transaction of its own, places `orders` as one batch, and returns once
    /// the batch waits for a row lock.
    async fn start(fx: &Fixture, hold: &str, orders: Vec<(UserId, PlaceOrder)>) -> Self {
        let holder = fx.db.begin().await.unwrap();
        holder.execute_unprepared(hold).await.unwrap();
        let facade = fx.facade.clone();
        let batch = tokio::spawn(async move { facade.orders().place_orders_together(orders).await });
        wait_for_one_lock_wait(fx).await;
        Self { holder, batch }
    }

    /// Commits the holder and returns the batch's answers.
    async fn release(self) -> Vec<DomainResult<Placed>> {
        self.holder.commit().await.unwrap();
        self.batch.await.unwrap()
    }
}

/// Waits until exactly one backend of the test's database waits for a row lock.
async fn wait_for_one_lock_wait(fx: &Fixture) {
    for _ in 0..200 {
        let waiting = fx
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                fx.db.get_database_backend(),
                "SELECT count(*)::bigint AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    .to_owned(),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        if waiting == 1 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the batch never waited for the held row");
}
