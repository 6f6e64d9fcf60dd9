//! Product options (`docs/domain.md`, "Product options"): stock lives on the chosen variant and is
//! taken, held and given back exactly as a product's, on both databases and under real
//! concurrency; refusals follow the spec's precedence.
mod common;

use std::collections::BTreeMap;

use chrono::Duration;
use common::{Backend, Fixture, on_both_databases, pick};
use domain::catalog::{NewProduct, NewVariant, ProductOption, VariantPatch};
use domain::status::{EventKind, OrderStatus};
use domain::{Conflict, DomainError, Field};

on_both_databases!(
    twelve_shoppers_race_for_three_units_of_one_variant_and_its_sibling_is_untouched,
    orders_crossing_products_and_variants_never_deadlock,
    a_batch_takes_a_variant_as_one_row,
    refusals_name_the_variant_in_the_spec_order,
    a_line_keeps_the_price_and_options_it_was_placed_with,
    expiry_cancel_and_refund_give_units_back_to_the_variant,
    bad_variants_are_refused_and_change_nothing,
    options_without_variants_make_every_combination,
    a_product_never_ordered_and_without_stock_gains_options,
);

/// 12 shoppers at once, on two facades (two servers), for the 3 units of "블랙": exactly 3 win,
/// and "화이트" of the same product keeps all of its stock.
async fn twelve_shoppers_race_for_three_units_of_one_variant_and_its_sibling_is_untouched(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (p, v) = fx.product_in_colours(&[("블랙", 15_000, 3), ("화이트", 15_000, 7)]).await;
    let (black, white) = (v[0], v[1]);
    let other = domain::OrderFacade::new(fx.db.clone(), common::PAYMENT_TTL);
    let facades = [fx.facade.clone(), other];
    let mut tasks = Vec::new();
    for i in 0..12 {
        let user = fx.user().await;
        let facade = facades[i % 2].clone();
        tasks.push(tokio::spawn(
            async move { facade.orders().place_order(user, pick(&[(p, Some(black), 1)], None)).await },
        ));
    }
    let (mut won, mut sold_out) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(placed) => {
                let line = &placed.order.items[0];
                assert_eq!((line.variant_id, line.options_label.as_deref()), (Some(black), Some("블랙")));
                won += 1;
            }
            Err(DomainError::OutOfStock { product_id, variant_id }) => {
                assert_eq!((product_id, variant_id), (p, Some(black)));
                sold_out += 1;
            }
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!((won, sold_out), (3, 9));
    assert_eq!((fx.variant_stock(black).await, fx.variant_stock(white).await), (0, 7));
    assert_eq!(fx.stock(p).await, 0, "the product's own row holds no stock");
    let shown = fx.facade.catalog().product(p).await.unwrap();
    assert_eq!(shown.stock, 7, "a product with options shows its variants' sum");
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Rows are locked products first, then variants, each by id. Orders naming a product and two
/// variants of another in every order, placed and cancelled at once on two facades: none
/// deadlocks, every one goes through.
async fn orders_crossing_products_and_variants_never_deadlock(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let plain = fx.product(1_000, 10_000).await;
    let (p, v) =
        fx.product_in_colours(&[("레드", 2_000, 10_000), ("블루", 2_000, 10_000), ("그린", 2_000, 10_000)]).await;
    let other = domain::OrderFacade::new(fx.db.clone(), common::PAYMENT_TTL);
    let facades = [fx.facade.clone(), other];
    let mut tasks = Vec::new();
    for i in 0..120usize {
        let user = fx.user().await;
        let facade = facades[i % 2].clone();
        let mut lines = vec![(plain, None, 1), (p, Some(v[i % 3]), 1), (p, Some(v[(i + 1) % 3]), 2)];
        if i % 2 == 1 {
            lines.reverse();
        }
        tasks.push(tokio::spawn(async move {
            let placed = facade.orders().place_order(user, pick(&lines, None)).await?;
            if i % 3 == 0 {
                facade.orders().cancel_by_customer(user, placed.order.id).await?;
            }
            Ok::<_, DomainError>(())
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("every order and cancellation goes through");
    }
    // 80 orders stand: 80 units of the plain product, 3 units each over the variants.
    assert_eq!(fx.stock(plain).await, 10_000 - 80);
    let mut held = 0;
    for id in &v {
        held += 10_000 - fx.variant_stock(*id).await;
    }
    assert_eq!(held, 80 * 3);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Orders arriving together are judged in order against one read: a variant's 3 units go to the
/// first three, the others are refused naming the variant, and a product without options in
/// the same batch is untouched by it.
async fn a_batch_takes_a_variant_as_one_row(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let plain = fx.product(5_000, 10).await;
    let (p, v) = fx.product_in_colours(&[("블랙", 9_000, 3), ("화이트", 9_000, 3)]).await;
    let mut orders = Vec::new();
    for i in 0..5 {
        orders.push((fx.user().await, pick(&[(plain, None, 1), (p, Some(v[0]), 1)], None)));
        if i == 0 {
            orders.push((fx.user().await, pick(&[(p, Some(v[1]), 2)], None)));
        }
    }
    let outcomes = fx.facade.orders().place_orders_together(orders).await;
    let refused: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 4, "{outcomes:?}");
    assert_eq!(refused.len(), 2);
    for e in refused {
        assert!(
            matches!(e, DomainError::OutOfStock { product_id, variant_id: Some(id) } if *product_id == p && *id == v[0])
        );
    }
    assert_eq!((fx.stock(plain).await, fx.variant_stock(v[0]).await, fx.variant_stock(v[1]).await), (7, 0, 1));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Product, then variant, then stock: a product with options needs a variant; another product's
/// variant, a stopped variant and a variant named for a product without options are refused
/// as `invalid_product` naming it; short stock names the variant.
async fn refusals_name_the_variant_in_the_spec_order(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let plain = fx.product(5_000, 10).await;
    let (p, v) = fx.product_in_colours(&[("블랙", 9_000, 1), ("화이트", 9_000, 5)]).await;
    let (q, w) = fx.product_in_colours(&[("네이비", 9_000, 5)]).await;
    let place = |lines: Vec<(i64, Option<i64>, i64)>| {
        let facade = fx.facade.clone();
        async move { facade.orders().place_order(user, pick(&lines, None)).await.unwrap_err() }
    };
    let e = place(vec![(p, None, 1)]).await;
    assert!(
        matches!(e, DomainError::InvalidProduct { product_id, variant_id: None, variant_required: true } if product_id == p),
        "{e:?}"
    );
    let e = place(vec![(p, Some(w[0]), 1)]).await;
    assert!(
        matches!(e, DomainError::InvalidProduct { product_id, variant_id: Some(x), variant_required: false } if product_id == p && x == w[0]),
        "{e:?}"
    );
    let e = place(vec![(plain, Some(v[0]), 1)]).await;
    assert!(
        matches!(e, DomainError::InvalidProduct { product_id, variant_id: Some(_), .. } if product_id == plain),
        "{e:?}"
    );
    // Validity before stock, whatever the line order: the short variant is not the answer.
    let e = place(vec![(p, Some(v[0]), 2), (q, None, 1)]).await;
    assert!(
        matches!(e, DomainError::InvalidProduct { product_id, variant_required: true, .. } if product_id == q),
        "{e:?}"
    );
    let e = place(vec![(p, Some(v[0]), 2)]).await;
    assert!(
        matches!(e, DomainError::OutOfStock { product_id, variant_id: Some(x) } if product_id == p && x == v[0]),
        "{e:?}"
    );
    // A stopped variant is refused; its sibling still sells.
    let stop = VariantPatch::parse(None, None, Some("stopped"), None).unwrap();
    fx.facade.catalog().update_variant(v[1], stop, None).await.unwrap();
    let e = place(vec![(p, Some(v[1]), 1)]).await;
    assert!(matches!(e, DomainError::InvalidProduct { variant_id: Some(x), .. } if x == v[1]), "{e:?}");
    fx.facade.orders().place_order(user, pick(&[(p, Some(v[0]), 1)], None)).await.unwrap();
    // The quote refuses as placing does.
    let e = fx.facade.orders().quote(user, &pick(&[(p, None, 1)], None)).await.unwrap_err();
    assert!(matches!(e, DomainError::InvalidProduct { variant_required: true, .. }), "{e:?}");
    assert_eq!((fx.variant_stock(v[0]).await, fx.variant_stock(v[1]).await, fx.stock(plain).await), (0, 5, 10));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// The line records the variant, its option values and its price as placed; the product's own
/// price follows its cheapest variant on sale.
async fn a_line_keeps_the_price_and_options_it_was_placed_with(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let (p, v) = fx.product_in_colours(&[("블랙", 15_000, 5), ("화이트", 17_000, 5)]).await;
    let shown = fx.facade.catalog().product(p).await.unwrap();
    assert_eq!((shown.price, shown.stock, shown.price_varies()), (15_000, 10, true));
    assert_eq!(
        shown.options,
        vec![ProductOption { name: "색상".into(), values: vec!["블랙".into(), "화이트".into()] }]
    );
    let o = fx
        .facade
        .orders()
        .place_order(user, pick(&[(p, Some(v[1]), 2), (p, Some(v[0]), 1)], None))
        .await
        .unwrap()
        .order;
    assert_eq!(o.subtotal, 17_000 * 2 + 15_000);
    let lines: Vec<_> =
        o.items.iter().map(|i| (i.variant_id, i.unit_price, i.quantity, i.options_label.clone())).collect();
    assert_eq!(
        lines,
        vec![(Some(v[0]), 15_000, 1, Some("블랙".into())), (Some(v[1]), 17_000, 2, Some("화이트".into()))]
    );
    assert_eq!(o.items[1].options, Some(BTreeMap::from([("색상".to_owned(), "화이트".to_owned())])));

    let cheaper = VariantPatch::parse(Some(12_000), None, None, None).unwrap();
    fx.facade.catalog().update_variant(v[1], cheaper, None).await.unwrap();
    let again = fx.facade.orders().order_for(user, o.id).await.unwrap();
    assert_eq!(again.items[1].unit_price, 17_000, "the line keeps the price it was placed at");
    assert_eq!(fx.facade.catalog().product(p).await.unwrap().price, 12_000, "the product shows its cheapest");
    fx.cleanup().await;
}

async fn expiry_cancel_and_refund_give_units_back_to_the_variant(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let (p, v) = fx.product_in_colours(&[("블랙", 10_000, 10)]).await;
    let black = v[0];
    let (a, b, c) = (fx.user().await, fx.user().await, fx.user().await);
    let orders = fx.facade.orders();
    let expiring = orders.place_order(a, pick(&[(p, Some(black), 2)], None)).await.unwrap().order;
    let cancelled = orders.place_order(b, pick(&[(p, Some(black), 3)], None)).await.unwrap().order;
    let refunded = orders.place_order(c, pick(&[(p, Some(black), 4)], None)).await.unwrap().order;
    assert_eq!(fx.variant_stock(black).await, 1);

    let later = fx.now() + Duration::from_std(common::PAYMENT_TTL).unwrap() + Duration::seconds(1);
    orders.pay(c, refunded.id, None).await.unwrap();
    orders.cancel_by_customer(b, cancelled.id).await.unwrap();
    assert_eq!(fx.variant_stock(black).await, 4);
    assert!(orders.expire_at(expiring.id, later).await.unwrap());
    assert_eq!(fx.variant_stock(black).await, 6);
    let done = orders.refund(refunded.id).await.unwrap();
    assert_eq!(done.status, OrderStatus::Refunded);
    assert_eq!(fx.variant_stock(black).await, 10);
    assert_eq!(fx.stock(p).await, 0);

    let (_, events) = orders.admin_order(cancelled.id).await.unwrap();
    let restored = events.iter().find(|e| e.kind == EventKind::StockRestored).unwrap();
    assert_eq!(restored.detail.as_deref(), Some(format!("{p}:{black}x3").as_str()));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// A duplicate combination or SKU, other option names, and the product's own stock or price on a
/// product with options: refused, nothing changed.
async fn bad_variants_are_refused_and_change_nothing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let catalog = fx.facade.catalog();
    let colour = |c: &str| BTreeMap::from([("색상".to_owned(), c.to_owned())]);
    let (p, v) = fx.product_in_colours(&[("블랙", 10_000, 2)]).await;
    let sku = VariantPatch::parse(None, None, None, Some(Some("AP-BK"))).unwrap();
    catalog.update_variant(v[0], sku, None).await.unwrap();

    let same = NewVariant::parse(colour("블랙"), 10_000, 1, None).unwrap();
    assert!(matches!(catalog.add_variant(p, same, None).await, Err(DomainError::Conflict(Conflict::VariantExists))));
    let taken = NewVariant::parse(colour("네이비"), 10_000, 1, Some("AP-BK")).unwrap();
    assert!(matches!(catalog.add_variant(p, taken, None).await, Err(DomainError::Conflict(Conflict::SkuTaken))));
    let other_names = NewVariant::parse(BTreeMap::from([("사이즈".to_owned(), "L".to_owned())]), 1, 1, None).unwrap();
    assert!(matches!(
        catalog.add_variant(p, other_names, None).await,
        Err(DomainError::Validation { field: Field::Options, .. })
    ));
    let plain = fx.product(1_000, 1).await;
    let to_plain = NewVariant::parse(colour("블랙"), 1, 1, None).unwrap();
    assert!(matches!(
        catalog.add_variant(plain, to_plain, None).await,
        Err(DomainError::Validation { field: Field::Options, .. })
    ));
    let stock = domain::catalog::ProductPatch::parse(None, None, Some(5), None).unwrap();
    assert!(matches!(
        catalog.update_product(p, stock, None).await,
        Err(DomainError::Validation { field: Field::Stock, .. })
    ));
    assert!(matches!(
        catalog.adjust_stock(p, 5, "found a box", None).await,
        Err(DomainError::Validation { field: Field::Delta, .. })
    ));
    assert!(NewVariant::parse(colour("블랙"), -1, 1, None).is_err());
    assert!(NewVariant::parse(colour("블랙"), 1, -1, None).is_err());
    assert!(NewVariant::parse(colour("블랙"), 1, 1, Some("has space")).is_err());
    let unchanged = catalog.product(p).await.unwrap();
    assert_eq!((unchanged.variants.len(), unchanged.stock, unchanged.options[0].values.len()), (1, 2, 1));

    // A new value joins the end of the option; a variant's stock change is recorded.
    let navy = catalog
        .add_variant(p, NewVariant::parse(colour("네이비"), 11_000, 4, Some("AP-NV")).unwrap(), None)
        .await
        .unwrap();
    let restock = VariantPatch::parse(None, Some(9), None, None).unwrap();
    assert_eq!(catalog.update_variant(navy.id, restock, None).await.unwrap().stock, 9);
    let grown = catalog.product(p).await.unwrap();
    assert_eq!(grown.options[0].values, vec!["블랙".to_owned(), "네이비".to_owned()]);
    assert_eq!(grown.stock, 11);
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// Options without variants: every combination at the product's price, with no stock, in option
/// order; more than 3 options or past the variant limit is refused.
async fn options_without_variants_make_every_combination(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let opt = |name: &str, values: &[&str]| ProductOption {
        name: name.into(),
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    };
    let options = vec![opt("색상", &["블랙", "화이트"]), opt("사이즈", &["S", "M", "L"])];
    let new = NewProduct::parse("반팔 티셔츠", None, 19_000, 0, None).unwrap().with_options(options, vec![]).unwrap();
    let p = fx.facade.catalog().create_product(new, None).await.unwrap();
    let labels: Vec<&str> = p.variants.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["블랙 / S", "블랙 / M", "블랙 / L", "화이트 / S", "화이트 / M", "화이트 / L"]);
    assert!(p.variants.iter().all(|v| v.price == 19_000 && v.stock == 0));
    assert_eq!((p.price, p.stock), (19_000, 0));

    let four = (0..4).map(|i| opt(&format!("o{i}"), &["a"])).collect();
    assert!(matches!(
        NewProduct::parse("x", None, 1, 0, None).unwrap().with_options(four, vec![]),
        Err(DomainError::Validation { field: Field::Options, .. })
    ));
    let own_stock = NewProduct::parse("x", None, 1, 5, None).unwrap().with_options(vec![opt("색상", &["a"])], vec![]);
    assert!(matches!(own_stock, Err(DomainError::Validation { field: Field::Stock, .. })));
    // A variant naming a value the options do not list.
    let stray = NewVariant::parse(BTreeMap::from([("색상".to_owned(), "레드".to_owned())]), 1, 1, None).unwrap();
    let new = NewProduct::parse("x", None, 1, 0, None)
        .unwrap()
        .with_options(vec![opt("색상", &["블랙"])], vec![stray])
        .unwrap();
    assert!(matches!(
        fx.facade.catalog().create_product(new, None).await,
        Err(DomainError::Validation { field: Field::Options, .. })
    ));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

/// The admin's "sell in options" on an existing product: every combination at a price, no stock.
/// Refused while the product holds stock of its own or once it was ordered (its lines and the
/// stock they may give back stay the product's).
async fn a_product_never_ordered_and_without_stock_gains_options(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let catalog = fx.facade.catalog();
    let opt = |name: &str, values: &[&str]| ProductOption {
        name: name.into(),
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    };
    let fresh = fx.product(9_000, 0).await;
    let p = catalog.define_options(fresh, vec![opt("색상", &["블랙", "화이트"])], 21_000, None).await.unwrap();
    assert_eq!(
        p.variants.iter().map(|v| (v.label.as_str(), v.price, v.stock)).collect::<Vec<_>>(),
        [("블랙", 21_000, 0), ("화이트", 21_000, 0)]
    );
    assert_eq!(p.price, 21_000);
    assert!(matches!(
        catalog.define_options(fresh, vec![opt("사이즈", &["M"])], 1, None).await,
        Err(DomainError::Validation { field: Field::Options, .. })
    ));

    let stocked = fx.product(9_000, 4).await;
    assert!(matches!(
        catalog.define_options(stocked, vec![opt("색상", &["블랙"])], 1, None).await,
        Err(DomainError::Validation { field: Field::Stock, .. })
    ));
    let user = fx.user().await;
    let o = fx.facade.orders().place_order(user, common::order(&[(stocked, 4)], None)).await.unwrap().order;
    fx.facade.orders().cancel_by_customer(user, o.id).await.unwrap();
    catalog.adjust_stock(stocked, -4, "moving to options", None).await.unwrap();
    assert!(matches!(
        catalog.define_options(stocked, vec![opt("색상", &["블랙"])], 1, None).await,
        Err(DomainError::Validation { field: Field::Options, .. })
    ));
    assert!(catalog.product(stocked).await.unwrap().variants.is_empty());
    fx.assert_invariants().await;
    fx.cleanup().await;
}
