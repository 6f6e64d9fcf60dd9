//! Demo data for the embedded default (`SEED_DEMO_DATA`): idempotent, so every start may run it.
use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::Operations;
use super::demo_images::{Shape, draw};
use crate::accounts::users;
use crate::catalog::{Catalog, NewProduct, NewVariant, ProductOption};
use crate::coupons::{CouponKind, Coupons, NewCoupon};
use crate::entities::{category, coupon, product};
use crate::error::DomainResult;
use crate::status::Role;
use crate::types::{Email, Password};

pub const DEMO_SHOPPER_EMAIL: &str = "demo@shop.test";
pub const DEMO_SHOPPER_PASSWORD: &str = "demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@shop.test";
pub const DEMO_ADMIN_PASSWORD: &str = "admin-password";

/// The demo catalog's shelves: (slug, name). Names are data, shown as entered: Korean, for the
/// home market.
const CATEGORIES: [(&str, &str); 4] =
    [("kitchen", "주방도구"), ("tableware", "식기"), ("coffee-tea", "커피·차"), ("linen", "패브릭")];

/// One demo product, as `demo_catalog.json` lists it, in Korean as the shop's own catalog would
/// be; its picture is drawn at seeding. Some are sold in options (colours, sizes), with their
/// variants.
#[derive(serde::Deserialize)]
struct DemoProduct {
    name: String,
    description: String,
    price: i64,
    stock: i64,
    /// The slug of its shelf in [`CATEGORIES`].
    shelf: String,
    picture: Shape,
    colour: [u8; 3],
    backdrop: [u8; 3],
    #[serde(default)]
    options: Vec<ProductOption>,
    #[serde(default)]
    variants: Vec<DemoVariant>,
}

#[derive(serde::Deserialize)]
struct DemoVariant {
    options: std::collections::BTreeMap<String, String>,
    price: i64,
    stock: i64,
}

impl DemoProduct {
    fn new_product(&self) -> DomainResult<NewProduct> {
        let variants = self
            .variants
            .iter()
            .map(|v| NewVariant::parse(v.options.clone(), v.price, v.stock, None))
            .collect::<DomainResult<Vec<_>>>()?;
        NewProduct::parse(&self.name, Some(self.description.as_str()), self.price, self.stock, None)?
            .with_options(self.options.clone(), variants)
    }
}

/// The demo products: data, kept apart from the code that stores them.
fn demo_products() -> DomainResult<Vec<DemoProduct>> {
    serde_json::from_str(include_str!("demo_catalog.json"))
        .map_err(|e| crate::DomainError::internal(format!("demo_catalog.json: {e}")))
}

/// What the seed made, to print at start.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub shopper_email: &'static str,
    pub shopper_password: &'static str,
}

impl Operations<'_> {
    /// Creates the demo catalog, the demo shopper and their two coupons, once.
    pub async fn seed_demo_data(self) -> DomainResult<Seeded> {
        let (catalog, coupons) = (Catalog::new(self.ctx), Coupons::new(self.ctx));
        if product::Entity::find().count(&self.ctx.db).await? == 0 {
            if category::Entity::find().count(&self.ctx.db).await? == 0 {
                for (slug, name) in CATEGORIES {
                    catalog.create_category(slug, name).await?;
                }
            }
            for d in demo_products()? {
                let p = catalog.create_product(d.new_product()?, None).await?;
                catalog.set_product_category(p.id, Some(d.shelf.as_str())).await?;
                // Drawing and encoding take a moment: off the async threads.
                let (shape, colour, backdrop) = (d.picture, d.colour, d.backdrop);
                let picture = tokio::task::spawn_blocking(move || draw(shape, colour, backdrop))
                    .await
                    .map_err(|e| crate::DomainError::internal(format!("drawing a demo picture: {e}")))?;
                catalog.add_product_image(p.id, &picture, &d.name).await?;
            }
        }
        let email = Email::parse(DEMO_SHOPPER_EMAIL)?;
        let shopper = match users::user_by_email(&self.ctx.db, &email).await? {
            Some(u) => u,
            None => {
                users::ensure_user(self.ctx, &email, &Password::parse(DEMO_SHOPPER_PASSWORD)?, Role::Shopper).await?
            }
        };
        if coupon::Entity::find().count(&self.ctx.db).await? == 0 {
            let now = self.ctx.clock.now();
            let fixed = NewCoupon::parse(
                "3만 원 이상 구매 시 5,000원 할인",
                CouponKind::Fixed,
                5_000,
                None,
                Some(30_000),
                None,
                Some(now + Duration::days(365)),
                None,
            )?;
            let percent = NewCoupon::parse(
                "10% 할인 (최대 2만 원)",
                CouponKind::Percent,
                10,
                Some(20_000),
                None,
                None,
                Some(now + Duration::days(365)),
                None,
            )?;
            let welcome = NewCoupon::parse(
                "신규 가입 3,000원 할인 (선착순 100명)",
                CouponKind::Fixed,
                3_000,
                None,
                Some(10_000),
                None,
                Some(now + Duration::days(365)),
                Some(100),
            )?;
            for c in [fixed, percent] {
                let c = coupons.create_coupon(c).await?;
                coupons.issue_coupon(c.id, shopper.id).await?;
            }
            coupons.create_coupon(welcome).await?;
        }
        Ok(Seeded { shopper_email: DEMO_SHOPPER_EMAIL, shopper_password: DEMO_SHOPPER_PASSWORD })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_catalog_reads_and_every_product_has_a_shelf() {
        let products = super::demo_products().unwrap();
        assert_eq!(products.len(), 16);
        for p in &products {
            assert!(super::CATEGORIES.iter().any(|(slug, _)| *slug == p.shelf), "{} is on no shelf", p.name);
            assert!(p.new_product().is_ok(), "{}", p.name);
        }
        assert_eq!(products.iter().filter(|p| !p.options.is_empty()).count(), 3, "three are sold in options");
    }
}
