//! The running sweeper expires due orders by itself and restores their stock.
use std::sync::Arc;
use std::time::Duration;

use domain::catalog::NewProduct;
use domain::status::{CancelReason, OrderStatus, Role};
use domain::types::{Email, OrderLines, Password};
use domain::{OrderFacade, PlaceOrder};
use migration::MigratorTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_sweeper_expires_unpaid_orders_after_their_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    let db = domain::db::connect(&url, 4).await.unwrap();
    migration::Migrator::up(&db, None).await.unwrap();
    let facade = OrderFacade::new(db.clone(), Duration::from_secs(1));
    let shopper = facade
        .accounts()
        .ensure_user(&Email::parse("s@shop.test").unwrap(), &Password::parse("password1").unwrap(), Role::Shopper)
        .await
        .unwrap();
    let p =
        facade.catalog().create_product(NewProduct::parse("Mug", None, 1_000, 5, None).unwrap(), None).await.unwrap();
    let order = |q| PlaceOrder {
        lines: OrderLines::parse([(p.id, q)]).unwrap(),
        coupon_id: None,
        idempotency_key: None,
        shipping: None,
    };
    let unpaid = facade.orders().place_order(shopper.id, order(2)).await.unwrap().order;
    let paid = facade.orders().place_order(shopper.id, order(1)).await.unwrap().order;
    facade.orders().pay(shopper.id, paid.id, None).await.unwrap();
    assert_eq!(facade.catalog().product(p.id).await.unwrap().stock, 2);

    let counters = Arc::new(worker::Counters::default());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let sweeper =
        tokio::spawn(worker::run_sweeper(facade.clone(), Duration::from_millis(200), counters.clone(), async {
            let _ = stop_rx.await;
        }));

    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let o = facade.orders().order_for(shopper.id, unpaid.id).await.unwrap();
        if o.status == OrderStatus::Cancelled {
            assert_eq!(o.cancel_reason, Some(CancelReason::Expired));
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the order was not expired within 10 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop_tx.send(()).unwrap();
    sweeper.await.unwrap();
    assert_eq!(facade.orders().order_for(shopper.id, paid.id).await.unwrap().status, OrderStatus::Paid);
    assert_eq!(facade.catalog().product(p.id).await.unwrap().stock, 4);
    assert_eq!(counters.expired_by_sweep.load(std::sync::atomic::Ordering::Relaxed), 1);
    assert!(domain::invariants::check(&db).await.unwrap().is_empty());
}
