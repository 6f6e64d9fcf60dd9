//! Browsing (search, categories, order), product pictures, shipping snapshots and carts kept with
//! the account - on SQLite and on PostgreSQL.
mod common;

use domain::Pick;

use common::{Backend, Fixture, on_both_databases, order};
use domain::DomainError;
use domain::Field;
use domain::catalog::ProductQuery;
use domain::types::Shipping;

on_both_databases!(
    search_is_case_insensitive_literal_and_counts_every_match,
    categories_shelve_products_and_count_those_on_sale,
    the_catalog_page_reads_what_search_and_categories_read,
    a_picture_is_stored_once_and_served_by_its_hash,
    an_order_keeps_the_address_it_was_placed_with,
    the_account_cart_is_saved_merged_and_bounded,
);

async fn search_is_case_insensitive_literal_and_counts_every_match(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let tag = format!("Zq{}", common::unique());
    for (i, name) in ["Oak Bowl", "oak spoon", "Pine Board", "참나무 그릇"].iter().enumerate() {
        let id = fx.product(1_000 * (i as i64 + 1), 5).await;
        let patch = domain::catalog::ProductPatch::parse(Some(&format!("{name} {tag}")), None, None, None).unwrap();
        fx.facade.catalog().update_product(id, patch, None).await.unwrap();
    }
    let names = |q: &str, sort: &str| {
        let facade = fx.facade.clone();
        let query = ProductQuery::parse(Some(q), None, Some(sort)).unwrap();
        async move {
            facade
                .catalog()
                .search_products(&query, 1, 100)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(names(&format!("OAK {tag}"), "name").await.len(), 0, "words are one substring");
    let oak = names("oak", "price_asc").await.into_iter().filter(|n| n.ends_with(&tag)).collect::<Vec<_>>();
    assert_eq!(oak, [format!("Oak Bowl {tag}"), format!("oak spoon {tag}")]);
    assert_eq!(names("참나무", "newest").await, [format!("참나무 그릇 {tag}")]);
    assert!(names("%", "newest").await.is_empty(), "% is a letter, not a wildcard");
    let page =
        fx.facade.catalog().search_products(&ProductQuery::parse(Some(&tag), None, None).unwrap(), 2, 3).await.unwrap();
    assert_eq!((page.total, page.items.len()), (4, 1));
    fx.cleanup().await;
}

async fn categories_shelve_products_and_count_those_on_sale(backend: Backend) {
    let fx = Fixture::new(backend).await;
    fx.facade.catalog().create_category("tea", "차").await.unwrap();
    let err = fx.facade.catalog().create_category("tea", "또 차").await.unwrap_err();
    assert!(matches!(err, DomainError::Conflict(_)), "{err:?}");
    let a = fx.product(1_000, 5).await;
    let b = fx.product(2_000, 5).await;
    fx.facade.catalog().set_product_category(a, Some("tea")).await.unwrap();
    fx.facade.catalog().set_product_category(b, Some("tea")).await.unwrap();
    let stop = domain::catalog::ProductPatch::parse(None, None, None, Some("stopped")).unwrap();
    fx.facade.catalog().update_product(b, stop, None).await.unwrap();
    let unknown = fx.facade.catalog().set_product_category(a, Some("coffee")).await.unwrap_err();
    assert!(matches!(unknown, DomainError::Validation { field: Field::Category, .. }), "{unknown:?}");

    let shelves = fx.facade.catalog().categories().await.unwrap();
    let tea = shelves.iter().find(|c| c.slug == "tea").unwrap();
    assert_eq!(tea.product_count, 1, "the stopped product is not counted");
    let query = ProductQuery::parse(None, Some("tea"), None).unwrap();
    let found = fx.facade.catalog().search_products(&query, 1, 10).await.unwrap();
    assert_eq!(found.total, 2);
    assert_eq!(found.items[0].category.as_ref().unwrap().name, "차");
    fx.cleanup().await;
}

/// `browse` (the storefront's catalog page, four reads) answers what `search_products` and
/// `categories` answer, for every kind of ask.
async fn the_catalog_page_reads_what_search_and_categories_read(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let tag = format!("Br{}", common::unique());
    fx.facade.catalog().create_category("tea", "차").await.unwrap();
    fx.facade.catalog().create_category("bare", "빈 선반").await.unwrap();
    fx.facade.catalog().create_category("cups", "Cups").await.unwrap();
    let mut ids = Vec::new();
    for (i, (name, shelf)) in
        [("Green Tea", Some("tea")), ("Black Tea", Some("tea")), ("Mug", Some("cups")), ("Plate", None)]
            .iter()
            .enumerate()
    {
        let id = fx.product(1_000 * (i as i64 + 1), 5).await;
        let patch = domain::catalog::ProductPatch::parse(Some(&format!("{name} {tag}")), None, None, None).unwrap();
        fx.facade.catalog().update_product(id, patch, None).await.unwrap();
        fx.facade.catalog().set_product_category(id, *shelf).await.unwrap();
        ids.push(id);
    }
    // Everything on sale: the page reads what the two calls read.
    let categories = fx.facade.catalog().categories().await.unwrap();
    let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "categories come by name");
    for (words, category, sort, page, per_page) in [
        (None, None, None, 1, 12),
        (Some(tag.as_str()), None, Some("price_desc"), 1, 2),
        (Some(tag.as_str()), None, Some("name"), 2, 3),
        (Some(tag.as_str()), Some("tea"), None, 1, 12),
        (None, Some("bare"), None, 1, 12),
        (None, Some("nowhere"), None, 1, 12),
        (Some("no such words at all"), None, None, 1, 12),
    ] {
        let query = ProductQuery::parse(words, category, sort).unwrap();
        let page_of = fx.facade.catalog().browse(&query, page, per_page).await.unwrap();
        let searched = fx.facade.catalog().search_products(&query, page, per_page).await.unwrap();
        assert_eq!(page_of.found, searched, "{words:?} {category:?} {sort:?} page {page}");
        assert_eq!(page_of.categories, categories);
    }

    // A stopped product leaves the storefront's catalog and shelf counts; the admin's (and the
    // API's) listing still has it.
    let stop = domain::catalog::ProductPatch::parse(None, None, None, Some("stopped")).unwrap();
    fx.facade.catalog().update_product(ids[1], stop, None).await.unwrap();
    let categories = fx.facade.catalog().categories().await.unwrap();
    let count = |slug: &str| categories.iter().find(|c| c.slug == slug).map(|c| c.product_count);
    assert_eq!((count("tea"), count("cups"), count("bare")), (Some(1), Some(1), Some(0)));
    let tea = ProductQuery::parse(Some(&tag), Some("tea"), Some("price_asc")).unwrap();
    let found = fx.facade.catalog().browse(&tea, 1, 12).await.unwrap().found;
    assert_eq!(found.total, 1, "a stopped product is not in the catalog");
    assert_eq!(found.items[0].id, ids[0]);
    assert_eq!(found.items[0].category.as_ref().map(|c| c.name.as_str()), Some("차"));
    assert_eq!(fx.facade.catalog().search_products(&tea, 1, 12).await.unwrap().total, 2);
    assert!(fx.facade.catalog().browse(&tea, 0, 12).await.is_err(), "pages count from 1");
    fx.cleanup().await;
}

async fn a_picture_is_stored_once_and_served_by_its_hash(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let p = fx.product(1_000, 5).await;
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(1600, 1200, image::Rgb([200, 120, 40])))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let first = fx.facade.catalog().add_product_image(p, &png, "A bowl").await.unwrap();
    let second = fx.facade.catalog().add_product_image(p, &png, "The same bowl again").await.unwrap();
    assert_eq!(first.url, second.url, "the same bytes are one rendition");
    assert_eq!((first.width, first.height, first.thumbnail_width), (1200, 900, 480));
    let view = fx.facade.catalog().product(p).await.unwrap();
    assert_eq!(view.images.iter().map(|i| i.alt.as_str()).collect::<Vec<_>>(), ["A bowl", "The same bowl again"]);
    let hash = first.url.trim_start_matches("/media/");
    let (content_type, bytes) = fx.facade.catalog().media(hash).await.unwrap().unwrap();
    assert_eq!((content_type.as_str(), &bytes[..2]), ("image/jpeg", &[0xFF_u8, 0xD8][..]));
    assert!(fx.facade.catalog().media("not-a-hash").await.unwrap().is_none());
    let refused = fx.facade.catalog().add_product_image(p, b"plain text", "x").await.unwrap_err();
    assert!(matches!(refused, DomainError::Validation { field: Field::File, .. }), "{refused:?}");
    let missing = fx.facade.catalog().add_product_image(9_999_999, &png, "x").await.unwrap_err();
    assert!(matches!(missing, DomainError::NotFound), "{missing:?}");
    fx.cleanup().await;
}

async fn an_order_keeps_the_address_it_was_placed_with(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let p = fx.product(1_000, 5).await;
    assert_eq!(fx.facade.orders().last_shipping(user).await.unwrap(), None);
    let home = Shipping::parse("김하나", "010-1234-5678", "06236", "서울 강남구 테헤란로 1", Some("101호")).unwrap();
    let placed = fx
        .facade
        .orders()
        .place_order(user, domain::PlaceOrder { shipping: Some(home.clone()), ..order(&[(p, 1)], None) })
        .await
        .unwrap();
    assert_eq!(placed.order.shipping.as_ref(), Some(&home));
    // An order without an address (an API client's) does not hide the last one.
    fx.facade.orders().place_order(user, order(&[(p, 1)], None)).await.unwrap();
    assert_eq!(fx.facade.orders().last_shipping(user).await.unwrap(), Some(home));
    fx.assert_invariants().await;
    fx.cleanup().await;
}

async fn the_account_cart_is_saved_merged_and_bounded(backend: Backend) {
    let fx = Fixture::new(backend).await;
    let user = fx.user().await;
    let (a, b) = (Pick::product(fx.product(1_000, 5).await), Pick::product(fx.product(1_000, 5).await));
    let (shirt, v) = fx.product_in_colours(&[("블랙", 1_000, 5), ("화이트", 1_000, 5)]).await;
    let black = Pick { product_id: shirt, variant_id: Some(v[0]) };
    let white = Pick { product_id: shirt, variant_id: Some(v[1]) };
    let stray = Pick { product_id: a.product_id, variant_id: Some(v[0]) };
    let lines = [(a, 2), (Pick::product(9_999_999), 1), (b, 0), (black, 1), (stray, 1)];
    fx.facade.orders().save_cart(user, &lines).await.unwrap();
    assert_eq!(
        fx.facade.orders().cart_of(user).await.unwrap(),
        [(a, 2), (black, 1)],
        "unknown products, another product's variant and empty lines are dropped"
    );
    let merged = fx.facade.orders().merge_cart(user, &[(b, 1), (a, 1), (white, 3)]).await.unwrap();
    assert_eq!(merged, [(a, 2), (black, 1), (b, 1), (white, 3)], "two colours are two lines");
    assert_eq!(fx.facade.orders().cart_of(user).await.unwrap(), merged);
    fx.facade.orders().save_cart(user, &[]).await.unwrap();
    assert!(fx.facade.orders().cart_of(user).await.unwrap().is_empty());
    fx.cleanup().await;
}
