//! The order facade: the one entry point the pages, the JSON API and the worker call. It holds
//! what every operation shares (`context.rs`) and the batch queues, and hands out five services,
//! one per thing the shop serves, each in its own folder (`docs/architecture.md` lists them). A
//! service is a borrowed view made for one call (`facade.orders().place_order(..)`): each
//! operation opens its own transaction.
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbBackend};

use crate::accounts::{Accounts, SESSION_LOOKUP_BATCH_MAX, SESSION_LOOKUP_LANES, SessionLookup};
use crate::batch_queue::BatchQueue;
use crate::catalog::Catalog;
use crate::clock::{Clock, SystemClock};
use crate::context::Ctx;
use crate::coupons::Coupons;
use crate::error::Limit;
use crate::expiry_hook::{ExpiryScheduler, SweepOnlyScheduler};
use crate::operations::Operations;
use crate::orders::{Orders, PlacingJob};
use crate::payment::{PaymentGateway, TestGateway};
use crate::rate_limits::KeyedLimit;

#[derive(Clone)]
pub struct OrderFacade {
    ctx: Ctx,
    /// Placing requests waiting for their batch; shared by every clone of this facade.
    placing: Arc<BatchQueue<PlacingJob>>,
    /// Session lookups waiting for theirs (`accounts::sessions`); shared by every clone.
    session_lookups: Arc<BatchQueue<SessionLookup>>,
}

/// The most orders one placing transaction holds: enough to absorb a sale's burst from hundreds
/// of connections, small enough that one batch's statements stay short.
pub const PLACING_BATCH_MAX: usize = 64;

impl OrderFacade {
    /// A facade with the system clock, the test payment gateway and no expiry queue.
    pub fn new(db: DatabaseConnection, payment_ttl: std::time::Duration) -> Self {
        // SQLite has one writer: a second batch in flight would only wait for the first on the
        // process's writer connection. On PostgreSQL two lanes let one batch read and write while
        // the other commits.
        let lanes = match db.get_database_backend() {
            DbBackend::Sqlite => 1,
            _ => 2,
        };
        Self {
            placing: Arc::new(BatchQueue::new(PLACING_BATCH_MAX, lanes)),
            session_lookups: Arc::new(BatchQueue::new(SESSION_LOOKUP_BATCH_MAX, SESSION_LOOKUP_LANES)),
            ctx: Ctx {
                writer: crate::db::writer_for(&db),
                gateway: Arc::new(TestGateway::new(db.clone())),
                db,
                clock: Arc::new(SystemClock),
                scheduler: Arc::new(SweepOnlyScheduler),
                payment_ttl: chrono::Duration::from_std(payment_ttl).unwrap_or(chrono::Duration::seconds(600)),
                reconcile_after: chrono::Duration::seconds(120),
                placing_per_account: Arc::new(KeyedLimit::new(Limit::Placing, 0)),
            },
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.ctx.clock = clock;
        self
    }

    pub fn with_gateway(mut self, gateway: Arc<dyn PaymentGateway>) -> Self {
        self.ctx.gateway = gateway;
        self
    }

    pub fn with_reconcile_after(mut self, after: std::time::Duration) -> Self {
        self.ctx.reconcile_after = chrono::Duration::from_std(after).unwrap_or(self.ctx.reconcile_after);
        self
    }

    /// At most `per_minute` orders placed per account and minute, in this process (0: no limit).
    pub fn with_placing_limit(mut self, per_minute: u32) -> Self {
        self.ctx.placing_per_account = Arc::new(KeyedLimit::new(Limit::Placing, per_minute));
        self
    }

    pub fn with_scheduler(mut self, scheduler: Arc<dyn ExpiryScheduler>) -> Self {
        self.ctx.scheduler = scheduler;
        self
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.ctx.db
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.ctx.clock.now()
    }

    /// Carts, placing, paying, cancelling, refunding and expiring orders; the shopper's and the
    /// admin's order pages.
    pub fn orders(&self) -> Orders<'_> {
        Orders::new(&self.ctx, &self.placing)
    }

    /// Products, their stock, categories, search and images.
    pub fn catalog(&self) -> Catalog<'_> {
        Catalog::new(&self.ctx)
    }

    /// Signing up and in, sessions, and the limit on failed sign-ins.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(&self.ctx, &self.session_lookups)
    }

    /// Coupons, campaigns, claiming, and which of a shopper's coupons fit a cart.
    pub fn coupons(&self) -> Coupons<'_> {
        Coupons::new(&self.ctx)
    }

    /// What operators and the worker's sweep run: the dashboard, purges, demo data.
    pub fn operations(&self) -> Operations<'_> {
        Operations::new(&self.ctx)
    }
}
