//! Demo data for the embedded default (`SEED_DEMO_DATA`): idempotent, so every start may run it.
use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::catalog::NewProduct;
use crate::coupons::NewCoupon;
use crate::demo_images::{Shape, draw};
use crate::discount::CouponKind;
use crate::entities::{category, coupon, product};
use crate::error::DomainResult;
use crate::facade::OrderFacade;
use crate::status;
use crate::types::{Email, Password};

pub const DEMO_SHOPPER_EMAIL: &str = "demo@shop.test";
pub const DEMO_SHOPPER_PASSWORD: &str = "demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@shop.test";
pub const DEMO_ADMIN_PASSWORD: &str = "admin-password";

/// The demo catalog's shelves: (slug, name). Names are data, shown as entered: Korean, for the
/// home market.
const CATEGORIES: [(&str, &str); 4] =
    [("kitchen", "주방도구"), ("tableware", "식기"), ("coffee-tea", "커피·차"), ("linen", "패브릭")];

/// (name, description, price, stock, category, picture, its colour, its backdrop)
type DemoProduct = (&'static str, &'static str, i64, i64, &'static str, Shape, [u8; 3], [u8; 3]);

const PRODUCTS: [DemoProduct; 15] = [
    (
        "Ceramic Pour-Over Set",
        "Dripper, server and two cups in matte white stoneware.",
        48_000,
        25,
        "coffee-tea",
        Shape::Mug,
        [236, 232, 224],
        [176, 196, 204],
    ),
    (
        "Linen Apron",
        "Washed linen, adjustable neck strap, two deep pockets.",
        32_000,
        40,
        "linen",
        Shape::Cloth,
        [122, 138, 110],
        [232, 222, 204],
    ),
    (
        "Cast Iron Skillet 26 cm",
        "Pre-seasoned, oven safe, lasts a lifetime.",
        59_000,
        15,
        "kitchen",
        Shape::Pan,
        [58, 58, 62],
        [214, 200, 180],
    ),
    (
        "Hinoki Cutting Board",
        "Soft on knife edges, naturally fragrant.",
        45_000,
        3,
        "kitchen",
        Shape::Board,
        [226, 196, 146],
        [164, 184, 170],
    ),
    (
        "Glass Storage Jars (3)",
        "Airtight bamboo lids, 500/750/1000 ml.",
        27_000,
        60,
        "kitchen",
        Shape::Mug,
        [200, 226, 228],
        [226, 214, 196],
    ),
    (
        "Stainless Kettle 1.2 L",
        "Gooseneck spout for slow, even pouring.",
        65_000,
        20,
        "coffee-tea",
        Shape::Pan,
        [180, 186, 192],
        [228, 206, 186],
    ),
    (
        "Cotton Tea Towels (4)",
        "Waffle weave, quick drying.",
        18_000,
        80,
        "linen",
        Shape::Cloth,
        [232, 236, 240],
        [150, 170, 196],
    ),
    (
        "Brass Measuring Spoons",
        "Four sizes on a ring.",
        22_000,
        35,
        "kitchen",
        Shape::Utensils,
        [196, 160, 82],
        [200, 212, 206],
    ),
    (
        "Wooden Spatula Set",
        "Olive wood, hand finished.",
        16_000,
        50,
        "kitchen",
        Shape::Utensils,
        [168, 128, 84],
        [232, 224, 206],
    ),
    ("Enamel Mug", "Speckled blue, 350 ml.", 12_000, 100, "tableware", Shape::Mug, [74, 110, 168], [236, 226, 206]),
    (
        "Chef's Knife 21 cm",
        "VG-10 steel, walnut handle.",
        129_000,
        10,
        "kitchen",
        Shape::Utensils,
        [110, 84, 64],
        [196, 204, 210],
    ),
    (
        "Bamboo Dish Rack",
        "Folds flat when not in use.",
        35_000,
        30,
        "tableware",
        Shape::Board,
        [206, 180, 120],
        [190, 206, 190],
    ),
    (
        "편백나무 도마",
        "국산 편백나무 원목 도마입니다. 칼자국이 적고 향이 은은합니다.",
        39_000,
        12,
        "kitchen",
        Shape::Board,
        [220, 188, 140],
        [196, 212, 196],
    ),
    (
        "유기 수저 세트",
        "방짜 유기로 만든 수저 2벌입니다. 은은한 광택이 오래갑니다.",
        58_000,
        8,
        "tableware",
        Shape::Utensils,
        [200, 164, 90],
        [214, 206, 196],
    ),
    (
        "옹기 찻잔 2개",
        "숨 쉬는 옹기 찻잔 두 개. 따뜻한 차가 천천히 식습니다.",
        26_000,
        18,
        "coffee-tea",
        Shape::Mug,
        [120, 84, 60],
        [226, 216, 198],
    ),
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
            if category::Entity::find().count(&self.db).await? == 0 {
                for (slug, name) in CATEGORIES {
                    self.create_category(slug, name).await?;
                }
            }
            for (name, description, price, stock, shelf, shape, color, backdrop) in PRODUCTS {
                let p =
                    self.create_product(NewProduct::parse(name, Some(description), price, stock, None)?, None).await?;
                self.set_product_category(p.id, Some(shelf)).await?;
                // Drawing and encoding take a moment: off the async threads.
                let picture = tokio::task::spawn_blocking(move || draw(shape, color, backdrop))
                    .await
                    .map_err(|e| crate::DomainError::internal(format!("drawing a demo picture: {e}")))?;
                self.add_product_image(p.id, &picture, name).await?;
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
