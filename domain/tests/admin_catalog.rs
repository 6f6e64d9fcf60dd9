//! The console's catalog and campaign management: descriptions and shelves, renamed categories,
//! bulk actions, image order and alt text, campaign edits and ending, and the export's batches -
//! on SQLite and on PostgreSQL.
mod common;

use common::{Backend, Fixture, on_both_databases, order};
use domain::DomainError;
use domain::Field;
use domain::catalog::BulkAction;
use domain::catalog::{NewProduct, ProductPatch};
use domain::coupons::CampaignEdit;
use domain::coupons::CouponKind;
use domain::orders::OrderFilter;
use domain::status::ProductStatus;

on_both_databases!(
    a_product_gets_a_description_and_a_shelf_and_leaves_it,
    a_renamed_category_keeps_its_slug,
    bulk_actions_change_all_or_nothing,
    images_are_reordered_described_and_removed,
    a_campaign_is_edited_but_never_below_what_was_issued,
    an_ended_campaign_takes_no_more_claims_and_ends_once,
    the_export_walks_every_order_in_batches,
);

fn png(rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 48, image::Rgb(rgb)))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn a_product_gets_a_description_and_a_shelf_and_leaves_it(backend: Backend) {
    let fx = Fixture::new(backend).await;
    fx.facade.catalog().create_category("tea", "차").await.unwrap();
    let new = NewProduct::parse("Green tea", None, 9_000, 3, None).unwrap().in_category(Some("tea")).unwrap();
    let p = fx.facade.catalog().create_product(new, None).await.unwrap();
    assert_eq!(p.category.as_ref().map(|c| c.slug.as_str()), Some("tea"));

    let patch = ProductPatch::parse(None, None, None, None)
        .unwrap()
        .with_description(Some("  Smooth, from Boseong.  "))
        .unwrap()
        .with_category(Some(None))
        .unwrap();
    let p = fx.facade.catalog().update_product(p.id, patch, None).await.unwrap();
    assert_eq!((p.description.as_str(), p.category.is_none()), ("Smooth, from Boseong.", true));

    // Nothing said about the shelf: it stays where it is.
    let back = ProductPatch::parse(None, None, None, None).unwrap().with_category(Some(Some("tea"))).unwrap();
    fx.facade.catalog().update_product(p.id, back, None).await.unwrap();
    let rename = ProductPatch::parse(Some("Green tea 50g"), None, None, None).unwrap();
    let p = fx.facade.catalog().update_product(p.id, rename, None).await.unwrap();
    assert_eq!(p.category.map(|c| c.slug), Some("tea".to_owned()));

    let unknown = ProductPatch::parse(None, None, None, None).unwrap().with_category(Some(Some("coffee"))).unwrap();
    let err = fx.facade.catalog().update_product(p.id, unknown, None).await.unwrap_err();
    assert!(matches!(err, DomainError::Validation { field: Field::Category, .. }), "{err:?}");
    assert_eq!(
        fx.facade.catalog().product(p.id).await.unwrap().name,
        "Green tea 50g",
        "a refused patch changes nothing"
    );
    fx.cleanup().await;
}

async fn a_renamed_category_keeps_its_slug(backend: Backend) {
    let fx = Fixture::new(backend).await;
    fx.facade.catalog().create_category("tea", "차").await.unwrap();
    let renamed = fx.facade.catalog().rename_category("tea", "차와 다구").await.unwrap();
    assert_eq!((renamed.slug.as_str(), renamed.name.as_str()), ("tea", "차와 다구"));
    let shelves = fx.facade.catalog().categories().await.unwrap();
    assert_eq!(shelves.iter().find(|c| c.slug == "tea").unwrap().name, "차와 다구");
    assert!(matches!(fx.facade.catalog().rename_category("coffee", "커피").await, Err(DomainError::NotFound)));
    let err = fx.facade.catalog().rename_category("tea", "  ").await.unwrap_err();
    assert!(matches!(err, DomainError::Validation { field: Field::Name, .. }), "{err:?}");
    let err = fx.facade.catalog().create_category("Bad Slug", "x").await.unwrap_err();
    assert!(matches!(err, DomainError::Validation { field: Field::Slug, .. }), "{err:?}");
    fx.cleanup().await;
}

async fn bulk_actions_change_all_or_nothing(backend: Backend) {
    let fx = Fixture::new(backend).await;
    fx.facade.catalog().create_category("kitchen", "주방").await.unwrap();
    let a = fx.product(1_000, 5).await;
    let b = fx.product(2_000, 5).await;
    let c = fx.product(3_000, 5).await;
    let status = |id| {
        let f = fx.facade.clone();
        async move { f.catalog().product(id).await.unwrap().status }
    };

    assert_eq!(fx.facade.catalog().bulk_update_products(&[a, b, a], BulkAction::StopSelling).await.unwrap(), 2);
    assert_eq!(
        (status(a).await, status(b).await, status(c).await),
        (ProductStatus::Stopped, ProductStatus::Stopped, ProductStatus::OnSale)
    );

    // One unknown id: nothing changes.
    let err = fx.facade.catalog().bulk_update_products(&[a, 999_999], BulkAction::PutOnSale).await.unwrap_err();
    assert!(matches!(err, DomainError::NotFound), "{err:?}");
    assert_eq!(status(a).await, ProductStatus::Stopped);

    fx.facade.catalog().bulk_update_products(&[a, b], BulkAction::PutOnSale).await.unwrap();
    assert_eq!(status(b).await, ProductStatus::OnSale);
    let shelve = BulkAction::parse("category", Some("kitchen")).unwrap();
    fx.facade.catalog().bulk_update_products(&[b, c], shelve).await.unwrap();
    let kitchen = fx.facade.catalog().categories().await.unwrap().into_iter().find(|c| c.slug == "kitchen").unwrap();
    assert_eq!(kitchen.product_count, 2);
    fx.facade.catalog().bulk_update_products(&[b], BulkAction::parse("category", Some("")).unwrap()).await.unwrap();
    assert!(fx.facade.catalog().product(b).await.unwrap().category.is_none());

    assert!(matches!(
        fx.facade.catalog().bulk_update_products(&[], BulkAction::StopSelling).await,
        Err(DomainError::Validation { field: Field::Ids, .. })
    ));
    assert!(BulkAction::parse("delete", None).is_err());
    fx.cleanup().await;
}

async fn images_are_reordered_described_and_removed(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let p = fx.product(1_000, 5).await;
    let mut ids = Vec::new();
    for (i, rgb) in [[200, 0, 0], [0, 200, 0], [0, 0, 200]].into_iter().enumerate() {
        ids.push(fx.facade.catalog().add_product_image(p, &png(rgb), &format!("picture {i}")).await.unwrap().id);
    }
    let order_of = || {
        let f = fx.facade.clone();
        async move { f.catalog().product(p).await.unwrap().images.into_iter().map(|i| i.id).collect::<Vec<_>>() }
    };
    assert_eq!(order_of().await, ids);

    fx.facade.catalog().move_image(p, ids[2], true).await.unwrap();
    assert_eq!(order_of().await, [ids[0], ids[2], ids[1]]);
    fx.facade.catalog().move_image(p, ids[2], true).await.unwrap();
    assert_eq!(order_of().await, [ids[2], ids[0], ids[1]], "now the main picture");
    fx.facade.catalog().move_image(p, ids[2], true).await.unwrap();
    assert_eq!(order_of().await, [ids[2], ids[0], ids[1]], "the first stays first");
    fx.facade.catalog().move_image(p, ids[0], false).await.unwrap();
    assert_eq!(order_of().await, [ids[2], ids[1], ids[0]]);

    fx.facade.catalog().set_image_alt(p, ids[1], "초록 접시").await.unwrap();
    let images = fx.facade.catalog().product(p).await.unwrap().images;
    assert_eq!(images[1].alt, "초록 접시");

    let other = fx.product(1_000, 5).await;
    assert!(
        matches!(fx.facade.catalog().remove_image(other, ids[1]).await, Err(DomainError::NotFound)),
        "not its image"
    );
    assert!(matches!(fx.facade.catalog().move_image(other, ids[1], true).await, Err(DomainError::NotFound)));
    fx.facade.catalog().remove_image(p, ids[1]).await.unwrap();
    assert_eq!(order_of().await, [ids[2], ids[0]]);
    fx.cleanup().await;
}

async fn a_campaign_is_edited_but_never_below_what_was_issued(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let c = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(5)).await;
    for _ in 0..3 {
        let u = fx.user().await;
        fx.facade.coupons().claim_coupon(u, c).await.unwrap();
    }
    let from = fx.now() - chrono::Duration::hours(1);
    let until = Some(fx.now() + chrono::Duration::days(7));

    let below = CampaignEdit::parse("Spring", from, until, Some(2)).unwrap();
    let err = fx.facade.coupons().edit_campaign(c, below).await.unwrap_err();
    assert!(matches!(err, DomainError::Validation { field: Field::Quantity, .. }), "{err:?}");

    let edit = CampaignEdit::parse("Spring sale", from, until, Some(3)).unwrap();
    let v = fx.facade.coupons().edit_campaign(c, edit).await.unwrap();
    assert_eq!((v.name.as_str(), v.quantity), ("Spring sale", Some(3)));
    let late = fx.user().await;
    let err = fx.facade.coupons().claim_coupon(late, c).await.unwrap_err();
    assert!(matches!(err, DomainError::Conflict(_)), "all 3 are issued: {err:?}");

    assert!(CampaignEdit::parse("x", from, Some(from), None).is_err(), "the window must not be empty");
    assert!(matches!(
        fx.facade.coupons().edit_campaign(999_999, CampaignEdit::parse("x", from, None, None).unwrap()).await,
        Err(DomainError::NotFound)
    ));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn an_ended_campaign_takes_no_more_claims_and_ends_once(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let c = fx.campaign(CouponKind::Fixed, 1_000, None, None, Some(10)).await;
    let holder = fx.user().await;
    let issued = fx.facade.coupons().claim_coupon(holder, c).await.unwrap();
    let product = fx.product(10_000, 5).await;

    let ended = fx.facade.coupons().end_campaign(c).await.unwrap();
    assert!(ended.valid_until.is_some_and(|u| u <= fx.now()));
    let err = fx.facade.coupons().claim_coupon(fx.user().await, c).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidCoupon(_) | DomainError::Conflict(_)), "{err:?}");
    // The coupon already issued stops applying with its campaign.
    let err = fx.facade.orders().place_order(holder, order(&[(product, 1)], Some(issued.id))).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidCoupon(_)), "{err:?}");
    assert!(matches!(fx.facade.coupons().end_campaign(c).await, Err(DomainError::Conflict(_))), "ends once");

    // A campaign that has not started yet ends without ever starting.
    let later = fx.now() + chrono::Duration::days(3);
    let future =
        domain::coupons::NewCoupon::parse("Later", CouponKind::Fixed, 500, None, None, Some(later), None, None)
            .unwrap();
    let future = fx.facade.coupons().create_coupon(future).await.unwrap();
    let ended = fx.facade.coupons().end_campaign(future.id).await.unwrap();
    assert!(ended.valid_from <= fx.now() && ended.valid_until.is_some_and(|u| u <= fx.now()));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn the_export_walks_every_order_in_batches(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let product = fx.product(1_000, 100).await;
    let shopper = fx.user().await;
    let mut placed = Vec::new();
    for _ in 0..7 {
        placed.push(fx.facade.orders().place_order(shopper, order(&[(product, 1)], None)).await.unwrap().order.id);
    }
    let filter = OrderFilter::default();
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let batch = fx.facade.orders().admin_orders_batch(&filter, before, 3).await.unwrap();
        if batch.is_empty() {
            break;
        }
        assert!(batch.len() <= 3);
        assert!(batch.iter().all(|o| o.user_email.starts_with("shopper")));
        before = batch.last().map(|o| o.order.id);
        seen.extend(batch.into_iter().map(|o| o.order.id));
    }
    placed.reverse();
    assert_eq!(seen, placed, "every order once, newest first");
    fx.cleanup().await;
}
