//! Demo data for the embedded default (`SEED_DEMO_DATA`): idempotent, so every start may run it.
use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::catalog::NewProduct;
use crate::coupons::NewCoupon;
use crate::discount::CouponKind;
use crate::entities::{coupon, product};
use crate::error::DomainResult;
use crate::facade::OrderFacade;
use crate::status;
use crate::types::{Email, Password};

pub const DEMO_SHOPPER_EMAIL: &str = "demo@shop.test";
pub const DEMO_SHOPPER_PASSWORD: &str = "demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@shop.test";
pub const DEMO_ADMIN_PASSWORD: &str = "admin-password";

const PRODUCTS: [(&str, &str, i64, i64); 12] = [
    ("Ceramic Pour-Over Set", "Dripper, server and two cups in matte white stoneware.", 48_000, 25),
    ("Linen Apron", "Washed linen, adjustable neck strap, two deep pockets.", 32_000, 40),
    ("Cast Iron Skillet 26 cm", "Pre-seasoned, oven safe, lasts a lifetime.", 59_000, 15),
    ("Hinoki Cutting Board", "Soft on knife edges, naturally fragrant.", 45_000, 3),
    ("Glass Storage Jars (3)", "Airtight bamboo lids, 500/750/1000 ml.", 27_000, 60),
    ("Stainless Kettle 1.2 L", "Gooseneck spout for slow, even pouring.", 65_000, 20),
    ("Cotton Tea Towels (4)", "Waffle weave, quick drying.", 18_000, 80),
    ("Brass Measuring Spoons", "Four sizes on a ring.", 22_000, 35),
    ("Wooden Spatula Set", "Olive wood, hand finished.", 16_000, 50),
    ("Enamel Mug", "Speckled blue, 350 ml.", 12_000, 100),
    ("Chef's Knife 21 cm", "VG-10 steel, walnut handle.", 129_000, 10),
    ("Bamboo Dish Rack", "Folds flat when not in use.", 35_000, 30),
];

/// What the seed made, to print at start.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub shopper_email: &'static str,
    pub shopper_password: &'static str,
}

impl OrderFacade {
    /// Creates the demo catalog, the demo shopper and their two coupons, once.
    pub async fn seed_demo_data(&self) -> DomainResult<Seeded> {
        if product::Entity::find().count(&self.db).await? == 0 {
            for (name, description, price, stock) in PRODUCTS {
                self.create_product(NewProduct::parse(name, Some(description), price, stock, None)?, None).await?;
            }
        }
        let email = Email::parse(DEMO_SHOPPER_EMAIL)?;
        let shopper = match self.user_by_email(&email).await? {
            Some(u) => u,
            None => self.ensure_user(&email, &Password::parse(DEMO_SHOPPER_PASSWORD)?, status::role::SHOPPER).await?,
        };
        if coupon::Entity::find().count(&self.db).await? == 0 {
            let now = self.clock.now();
            let fixed = NewCoupon::parse(
                "₩5,000 off orders over ₩30,000",
                CouponKind::Fixed,
                5_000,
                None,
                Some(30_000),
                None,
                Some(now + Duration::days(365)),
                None,
            )?;
            let percent = NewCoupon::parse(
                "10% off (up to ₩20,000)",
                CouponKind::Percent,
                10,
                Some(20_000),
                None,
                None,
                Some(now + Duration::days(365)),
                None,
            )?;
            let welcome = NewCoupon::parse(
                "Welcome ₩3,000 (first 100 shoppers)",
                CouponKind::Fixed,
                3_000,
                None,
                Some(10_000),
                None,
                Some(now + Duration::days(365)),
                Some(100),
            )?;
            for c in [fixed, percent] {
                let c = self.create_coupon(c).await?;
                self.issue_coupon(c.id, shopper.id).await?;
            }
            self.create_coupon(welcome).await?;
        }
        Ok(Seeded { shopper_email: DEMO_SHOPPER_EMAIL, shopper_password: DEMO_SHOPPER_PASSWORD })
    }
}
