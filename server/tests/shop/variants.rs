//! Product options over the JSON API (`docs/api.md`, "Product options"): an admin creates a
//! product in options and edits its variants; shoppers order a variant; every refusal is the
//! contract's, and a product without options answers as before.
use domain::on_both_databases;
use domain::testing::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestShop, body, expect_error, json_of};

/// The T-shirt of the issue: 색상 x 사이즈, "블랙 / L" sold out, XL dearer.
fn t_shirt() -> Value {
    let variant = |colour: &str, size: &str, price: i64, stock: i64, sku: &str| json!({"options": {"색상": colour, "사이즈": size}, "price": price, "stock": stock, "sku": sku});
    json!({
        "name": "반팔 티셔츠",
        "options": [{"name": "색상", "values": ["블랙", "화이트"]}, {"name": "사이즈", "values": ["M", "L", "XL"]}],
        "variants": [
            variant("블랙", "M", 25_000, 5, "TS-BK-M"),
            variant("블랙", "L", 25_000, 0, "TS-BK-L"),
            variant("블랙", "XL", 27_000, 3, "TS-BK-XL"),
            variant("화이트", "M", 25_000, 4, "TS-WH-M"),
        ],
    })
}

async fn create(admin: &Client, shop: &TestShop, product: &Value) -> reqwest::Response {
    admin.post(shop.api("/admin/products")).json(product).send().await.unwrap()
}

fn variant_id(product: &Value, colour: &str, size: &str) -> i64 {
    product["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["options"]["색상"] == colour && v["options"]["사이즈"] == size)
        .unwrap_or_else(|| panic!("no {colour} / {size} in {product}"))["id"]
        .as_i64()
        .unwrap()
}

async fn violations(shop: &TestShop) -> Vec<String> {
    let conn = domain::db::connect(&shop.db.url, 1).await.unwrap();
    domain::invariants::check(&conn).await.unwrap()
}

/// Created with options and variants: the product shows them in the admin's order, its price is
/// the lowest on-sale variant's and its stock their sum; a shopper orders a variant, the line
/// answers with it; the variant's stock is what moves.
async fn a_product_in_options_is_created_shown_and_ordered_by_variant(backend: Backend) {
    let shop = TestShop::with_admin(backend).await;
    let admin = shop.admin().await;
    let r = create(&admin, &shop, &t_shirt()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let p = body(r).await;
    let id = p["id"].as_i64().unwrap();
    assert_eq!(p["options"][0], json!({"name": "색상", "values": ["블랙", "화이트"]}));
    assert_eq!(p["options"][1]["values"], json!(["M", "L", "XL"]));
    assert_eq!((p["price"].as_i64(), p["stock"].as_i64()), (Some(25_000), Some(12)));
    assert_eq!(p["variants"].as_array().unwrap().len(), 4);
    let black_l = variant_id(&p, "블랙", "L");
    let black_xl = variant_id(&p, "블랙", "XL");
    let v = p["variants"].as_array().unwrap().iter().find(|v| v["id"] == black_xl).unwrap().clone();
    assert_eq!(
        v,
        json!({"id": black_xl, "options": {"색상": "블랙", "사이즈": "XL"}, "sku": "TS-BK-XL", "price": 27_000, "stock": 3, "status": "on_sale"})
    );
    let (status, shown) = shop.get_json(&format!("/products/{id}")).await;
    assert_eq!((status, &shown["variants"]), (StatusCode::OK, &p["variants"]));

    let shopper = shop.shopper("variant-buyer@shop.test").await;
    let order = json!({"items": [{"product_id": id, "variant_id": black_xl, "quantity": 2}]});
    let q = body(shopper.post(shop.api("/orders/quote")).json(&order).send().await.unwrap()).await;
    assert_eq!(q["subtotal"].as_i64(), Some(54_000));
    let r = shopper.post(shop.api("/orders")).json(&order).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let placed = body(r).await;
    let line = &placed["items"][0];
    assert_eq!((line["variant_id"].as_i64(), line["unit_price"].as_i64()), (Some(black_xl), Some(27_000)));
    assert_eq!(line["options"], json!({"색상": "블랙", "사이즈": "XL"}));
    // Sold out: the answer names the variant.
    let sold_out = json!({"items": [{"product_id": id, "variant_id": black_l, "quantity": 1}]});
    let b = expect_error(
        shopper.post(shop.api("/orders")).json(&sold_out).send().await.unwrap(),
        StatusCode::CONFLICT,
        "out_of_stock",
    )
    .await;
    assert_eq!((b["product_id"].as_i64(), b["variant_id"].as_i64()), (Some(id), Some(black_l)));
    let (_, after) = shop.get_json(&format!("/products/{id}")).await;
    assert_eq!(after["stock"].as_i64(), Some(10));

    // A product without options answers as in v1: empty lists, null variant on its lines.
    let plain = body(create(&admin, &shop, &json!({"name": "머그", "price": 12_000, "stock": 5})).await).await;
    assert_eq!((&plain["options"], &plain["variants"]), (&json!([]), &json!([])));
    let mug = json!({"items": [{"product_id": plain["id"], "quantity": 1}]});
    let placed = body(shopper.post(shop.api("/orders")).json(&mug).send().await.unwrap()).await;
    assert_eq!((&placed["items"][0]["variant_id"], &placed["items"][0]["options"]), (&Value::Null, &Value::Null));
    assert_eq!(violations(&shop).await, Vec::<String>::new());
    shop.db.drop_database().await;
}

/// `variant_required`, another product's variant, a stopped variant: `invalid_product` with the
/// product (and the variant named).
async fn orders_without_a_good_variant_are_refused_as_the_contract_says(backend: Backend) {
    let shop = TestShop::with_admin(backend).await;
    let admin = shop.admin().await;
    let shirt = body(create(&admin, &shop, &t_shirt()).await).await;
    let apron = json!({"name": "앞치마", "options": [{"name": "색상", "values": ["네이비"]}], "price": 32_000});
    let apron = body(create(&admin, &shop, &apron).await).await;
    let (shirt_id, apron_id) = (shirt["id"].as_i64().unwrap(), apron["id"].as_i64().unwrap());
    let navy = apron["variants"][0]["id"].as_i64().unwrap();
    let white_m = variant_id(&shirt, "화이트", "M");
    let shopper = shop.shopper("picky@shop.test").await;
    let place = |items: Value| {
        let (shopper, url) = (shopper.clone(), shop.api("/orders"));
        async move { shopper.post(url).json(&json!({ "items": items })).send().await.unwrap() }
    };

    let b = expect_error(
        place(json!([{"product_id": shirt_id, "quantity": 1}])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_product",
    )
    .await;
    assert_eq!((b["product_id"].as_i64(), b["reason"].as_str()), (Some(shirt_id), Some("variant_required")));
    let b = expect_error(
        place(json!([{"product_id": shirt_id, "variant_id": navy, "quantity": 1}])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_product",
    )
    .await;
    assert_eq!((b["product_id"].as_i64(), b["variant_id"].as_i64()), (Some(shirt_id), Some(navy)));
    assert!(b.get("reason").is_none(), "{b}");

    let r = admin
        .patch(shop.api(&format!("/admin/variants/{white_m}")))
        .json(&json!({"status": "stopped"}))
        .send()
        .await
        .unwrap();
    assert_eq!(body(r).await["status"], "stopped");
    let b = expect_error(
        place(json!([{"product_id": shirt_id, "variant_id": white_m, "quantity": 1}])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_product",
    )
    .await;
    assert_eq!(b["variant_id"].as_i64(), Some(white_m));
    // Generated from options alone: every combination at the price, no stock.
    assert_eq!((apron["price"].as_i64(), apron["stock"].as_i64()), (Some(32_000), Some(0)));
    let b = expect_error(
        place(json!([{"product_id": apron_id, "variant_id": navy, "quantity": 1}])).await,
        StatusCode::CONFLICT,
        "out_of_stock",
    )
    .await;
    assert_eq!(b["variant_id"].as_i64(), Some(navy));
    let b = expect_error(
        place(json!([{"product_id": apron_id, "variant_id": 0, "quantity": 1}])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_error",
    )
    .await;
    assert_eq!(b["field"], "variant_id");
    shop.db.drop_database().await;
}

/// The admin's variant endpoints: a new value joins the end of its option; duplicates are 409;
/// other option names, bad prices, stock and SKUs are 422 with the field; the product's own stock
/// cannot be set. Nothing changes on a refusal; stock changes are recorded (the invariants hold).
async fn variants_are_edited_and_bad_input_changes_nothing(backend: Backend) {
    let shop = TestShop::with_admin(backend).await;
    let admin = shop.admin().await;
    let shirt = body(create(&admin, &shop, &t_shirt()).await).await;
    let id = shirt["id"].as_i64().unwrap();
    let add = |v: Value| {
        let (admin, url) = (admin.clone(), shop.api(&format!("/admin/products/{id}/variants")));
        async move { admin.post(url).json(&v).send().await.unwrap() }
    };
    let (status, navy) =
        json_of(add(json!({"options": {"색상": "네이비", "사이즈": "M"}, "price": 26_000, "stock": 2})).await).await;
    assert_eq!(status, StatusCode::CREATED, "{navy}");
    assert_eq!(navy["sku"], Value::Null);
    let (_, p) = shop.get_json(&format!("/products/{id}")).await;
    assert_eq!(p["options"][0]["values"], json!(["블랙", "화이트", "네이비"]));

    let conflict = |r| expect_error(r, StatusCode::CONFLICT, "conflict");
    conflict(add(json!({"options": {"색상": "블랙", "사이즈": "M"}, "price": 1, "stock": 1})).await).await;
    conflict(
        add(json!({"options": {"색상": "화이트", "사이즈": "L"}, "price": 1, "stock": 1, "sku": "TS-BK-M"})).await,
    )
    .await;
    let invalid = |r, field: &'static str| async move {
        let b = expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_error").await;
        assert_eq!(b["field"], field, "{b}");
    };
    invalid(add(json!({"options": {"색상": "블랙"}, "price": 1, "stock": 1})).await, "options").await;
    invalid(
        add(json!({"options": {"색상": "블랙", "사이즈": "S", "소재": "면"}, "price": 1, "stock": 1})).await,
        "options",
    )
    .await;
    invalid(add(json!({"options": {"색상": "블랙", "사이즈": "S"}, "price": -1, "stock": 1})).await, "price").await;
    invalid(add(json!({"options": {"색상": "블랙", "사이즈": "S"}, "price": 1, "stock": -1})).await, "stock").await;
    invalid(
        add(json!({"options": {"색상": "블랙", "사이즈": "S"}, "price": 1, "stock": 1, "sku": "a b"})).await,
        "sku",
    )
    .await;
    let four = json!({"name": "x", "price": 1, "options": [
        {"name": "a", "values": ["1"]}, {"name": "b", "values": ["1"]}, {"name": "c", "values": ["1"]}, {"name": "d", "values": ["1"]}]});
    invalid(create(&admin, &shop, &four).await, "options").await;
    let stray = json!({"name": "x", "options": [{"name": "색상", "values": ["블랙"]}],
        "variants": [{"options": {"색상": "레드"}, "price": 1, "stock": 1}]});
    invalid(create(&admin, &shop, &stray).await, "options").await;
    let twice = json!({"name": "x", "options": [{"name": "색상", "values": ["블랙"]}],
        "variants": [{"options": {"색상": "블랙"}, "price": 1, "stock": 1}, {"options": {"색상": "블랙"}, "price": 2, "stock": 1}]});
    conflict(create(&admin, &shop, &twice).await).await;
    invalid(create(&admin, &shop, &json!({"name": "x", "stock": 1})).await, "price").await;
    let patch = |path: String, v: Value| {
        let (admin, url) = (admin.clone(), shop.api(&path));
        async move { admin.patch(url).json(&v).send().await.unwrap() }
    };
    invalid(patch(format!("/admin/products/{id}"), json!({"stock": 3})).await, "stock").await;
    let (status, _) = json_of(patch("/admin/variants/999999".into(), json!({"price": 1})).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, unchanged) = shop.get_json(&format!("/products/{id}")).await;
    assert_eq!(unchanged["variants"].as_array().unwrap().len(), 5);
    assert_eq!(unchanged["stock"].as_i64(), Some(14));
    let products = shop.get_json("/products?q=x").await.1;
    assert_eq!(products["total"].as_i64(), Some(0), "no refused product was created: {products}");

    let navy_id = navy["id"].as_i64().unwrap();
    let r = patch(format!("/admin/variants/{navy_id}"), json!({"stock": 9, "price": 24_000, "sku": "TS-NV-M"})).await;
    let v = body(r).await;
    assert_eq!((v["stock"].as_i64(), v["price"].as_i64(), v["sku"].as_str()), (Some(9), Some(24_000), Some("TS-NV-M")));
    let (_, p) = shop.get_json(&format!("/products/{id}")).await;
    assert_eq!((p["price"].as_i64(), p["stock"].as_i64()), (Some(24_000), Some(21)));
    let v = body(patch(format!("/admin/variants/{navy_id}"), json!({"sku": null})).await).await;
    assert_eq!(v["sku"], Value::Null);
    assert_eq!(violations(&shop).await, Vec::<String>::new());
    shop.db.drop_database().await;
}

on_both_databases!(
    a_product_in_options_is_created_shown_and_ordered_by_variant,
    orders_without_a_good_variant_are_refused_as_the_contract_says,
    variants_are_edited_and_bad_input_changes_nothing,
);
