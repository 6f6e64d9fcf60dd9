//! Test support (feature `testing`): a fresh SQLite file or a fresh PostgreSQL database per test,
//! migrated, plus fixtures and the invariant check. A missing PostgreSQL fails the test and says so.

use std::sync::Arc;
use std::time::Duration;

use crate::catalog::{NewProduct, NewVariant, ProductOption};
use crate::clock::{Clock, FixedClock};
use crate::coupons::NewCoupon;
use crate::entities::{product, product_variant, user, user_coupon};
use crate::status::CouponKind;
use crate::types::OrderLines;
use crate::types::UserId;
use crate::{DatabaseConnection, OrderFacade, PlaceOrder};
use chrono::{DateTime, Utc};
use migration::MigratorTrait;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const PAYMENT_TTL: Duration = Duration::from_secs(600);

pub struct Fixture {
    pub facade: OrderFacade,
    pub db: DatabaseConnection,
    pub backend: Backend,
    database: TestDatabase,
}

/// The admin database URL tests create their databases from.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A fresh, empty database: a SQLite file in a temp dir, or a new PostgreSQL database. Dropped
/// by [`TestDatabase::drop_database`] (PostgreSQL); leftovers are dropped by
/// `scripts/drop-test-databases.sh` before each test run.
pub struct TestDatabase {
    pub url: String,
    dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
                Self { url, dir: Some(dir), pg_name: None }
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = crate::db::connect(&admin_url, 1).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL is required for this test and is not reachable at {admin_url}: {e}")
                });
                let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
                let name = format!("shop_test_{}_{}_{nanos}", std::process::id(), unique());
                admin
                    .execute_raw(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE {name}"),
                    ))
                    .await
                    .expect("create test database");
                let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(b, _)| b).to_owned();
                Self { url: format!("{base}/{name}"), dir: None, pg_name: Some(name) }
            }
        }
    }

    /// The PostgreSQL database's name (fault tests cut its connections).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }

    /// Where a test may put other files (the embedded queue, a site root).
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_ref().map(tempfile::TempDir::path)
    }

    /// Cuts every connection to this PostgreSQL database, as a server restart would, and says how
    /// many it cut (fault and pool tests).
    pub async fn cut_connections(&self) -> u64 {
        let name = self.pg_name().expect("cutting connections needs a PostgreSQL test database");
        let admin = crate::db::connect(&postgres_admin_url(), 1).await.expect("connect the admin database");
        let row = admin
            .query_one_raw(Statement::from_string(
                admin.get_database_backend(),
                format!(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ),
            ))
            .await
            .expect("cut the test database's connections")
            .expect("count() returns a row");
        let cut: i64 = row.try_get_by_index(0).expect("a count");
        u64::try_from(cut).expect("a count is not negative")
    }

    pub async fn drop_database(&self) {
        if let Some(name) = &self.pg_name
            && let Ok(admin) = crate::db::connect(&postgres_admin_url(), 1).await
        {
            let _ = admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ))
                .await;
        }
    }
}

impl Fixture {
    pub async fn new(backend: Backend) -> Self {
        let database = TestDatabase::new(backend).await;
        let max = match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 20,
        };
        let db = crate::db::connect(&database.url, max).await.expect("connect test database");
        migration::Migrator::up(&db, None).await.expect("migrations");
        Self { facade: OrderFacade::new(db.clone(), PAYMENT_TTL), db, backend, database }
    }

    /// The same facade, seeing `now` as `at`.
    pub fn at(&self, at: DateTime<Utc>) -> OrderFacade {
        self.facade.clone().with_clock(Arc::new(FixedClock(at)))
    }

    pub fn now(&self) -> DateTime<Utc> {
        crate::clock::SystemClock.now()
    }

    pub async fn product(&self, price: i64, stock: i64) -> i64 {
        self.facade
            .catalog()
            .create_product(
                NewProduct::parse(&format!("Product {}", unique()), None, price, stock, None).unwrap(),
                None,
            )
            .await
            .unwrap()
            .id
    }

    pub async fn stock(&self, product_id: i64) -> i64 {
        product::Entity::find_by_id(product_id).one(&self.db).await.unwrap().unwrap().stock
    }

    /// A product sold in one option, 색상, with a variant per (colour, price, stock); returns
    /// the product's id and its variants' ids in the order given.
    pub async fn product_in_colours(&self, colours: &[(&str, i64, i64)]) -> (i64, Vec<i64>) {
        let option =
            ProductOption { name: "색상".into(), values: colours.iter().map(|(c, _, _)| (*c).to_owned()).collect() };
        let variants = colours
            .iter()
            .map(|(c, price, stock)| {
                NewVariant::parse([("색상".to_owned(), (*c).to_owned())].into(), *price, *stock, None).unwrap()
            })
            .collect();
        let new = NewProduct::parse(&format!("Apron {}", unique()), None, 0, 0, None)
            .unwrap()
            .with_options(vec![option], variants)
            .unwrap();
        let p = self.facade.catalog().create_product(new, None).await.unwrap();
        let ids =
            colours.iter().map(|(c, _, _)| p.variants.iter().find(|v| v.options["색상"] == *c).unwrap().id).collect();
        (p.id, ids)
    }

    pub async fn variant_stock(&self, variant_id: i64) -> i64 {
        product_variant::Entity::find_by_id(variant_id).one(&self.db).await.unwrap().unwrap().stock
    }

    /// A shopper inserted directly (hashing 100 passwords would only slow the tests down).
    pub async fn user(&self) -> UserId {
        UserId(
            user::Entity::insert(user::ActiveModel {
                email: Set(format!("shopper{}@shop.test", unique())),
                password_hash: Set("not-a-hash".to_owned()),
                name: Set(None),
                role: Set(crate::status::Role::Shopper),
                created_at: Set(Utc::now()),
                ..Default::default()
            })
            .exec(&self.db)
            .await
            .unwrap()
            .last_insert_id,
        )
    }

    pub async fn campaign(
        &self,
        kind: CouponKind,
        value: i64,
        max: Option<i64>,
        min: Option<i64>,
        quantity: Option<i64>,
    ) -> i64 {
        let c = NewCoupon::parse("Test coupon", kind, value, max, min, None, None, quantity).unwrap();
        self.facade.coupons().create_coupon(c).await.unwrap().id
    }

    /// A campaign issued to `user`; returns the issued coupon's id.
    pub async fn coupon_for(
        &self,
        user_id: UserId,
        kind: CouponKind,
        value: i64,
        max: Option<i64>,
        min: Option<i64>,
    ) -> i64 {
        let c = self.campaign(kind, value, max, min, None).await;
        self.facade.coupons().issue_coupon(c, user_id).await.unwrap().id
    }

    pub async fn coupon_status(&self, user_coupon_id: i64) -> (crate::status::CouponStatus, Option<i64>) {
        let uc = user_coupon::Entity::find_by_id(user_coupon_id).one(&self.db).await.unwrap().unwrap();
        (uc.status, uc.order_id)
    }

    pub async fn order_count(&self) -> u64 {
        use sea_orm::PaginatorTrait;
        crate::entities::order::Entity::find().count(&self.db).await.unwrap()
    }

    pub async fn assert_invariants(&self) {
        let violations = crate::invariants::check(&self.db).await.unwrap();
        assert!(violations.is_empty(), "invariants violated:\n{}", violations.join("\n"));
    }

    pub async fn cleanup(self) {
        self.db.clone().close().await.ok();
        self.database.drop_database().await;
    }
}

pub fn order(lines: &[(i64, i64)], coupon: Option<i64>) -> PlaceOrder {
    PlaceOrder {
        lines: OrderLines::parse(lines.iter().copied()).unwrap(),
        coupon_id: coupon,
        idempotency_key: None,
        shipping: None,
    }
}

/// An order of (product, variant, units) lines.
pub fn pick(lines: &[(i64, Option<i64>, i64)], coupon: Option<i64>) -> PlaceOrder {
    PlaceOrder {
        lines: OrderLines::parse_picks(lines.iter().copied()).unwrap(),
        coupon_id: coupon,
        idempotency_key: None,
        shipping: None,
    }
}

pub fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Runs each listed `async fn(Backend)` once on SQLite and once on PostgreSQL, as the tests
/// `sqlite::<name>` and `postgres::<name>` - the one macro every crate's database tests use.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::testing::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::testing::Backend::Postgres).await
                }
            )*
        }
    };
}
