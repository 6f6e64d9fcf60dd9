//! The order facade: the one entry point the pages, the JSON API and the worker call. It holds
//! what every operation shares (the connection, the clock, the payment gateway, the expiry queue,
//! the placing batches) and hands out five services, one per thing the shop serves (`services!`
//! below; `docs/architecture.md` lists the files of each). A service is a borrowed view of the
//! facade, made for one call (`facade.orders().place_order(..)`): each operation still opens its
//! own transaction, and one service calls another through the facade it borrows.
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbBackend};

use crate::batch_queue::BatchQueue;
use crate::clock::{Clock, SystemClock};
use crate::expiry_hook::{ExpiryScheduler, SweepOnlyScheduler};
use crate::orders::PlacingJob;
use crate::payment::{PaymentGateway, TestGateway};
use crate::sessions::{SESSION_LOOKUP_BATCH_MAX, SESSION_LOOKUP_LANES, SessionLookup};

#[derive(Clone)]
pub struct OrderFacade {
    pub(crate) db: DatabaseConnection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) gateway: Arc<dyn PaymentGateway>,
    pub(crate) scheduler: Arc<dyn ExpiryScheduler>,
    pub(crate) payment_ttl: chrono::Duration,
    /// How old an unsettled payment attempt must be before the reconciler finishes it: longer
    /// than any pay request can still be running (requests time out after 30 s).
    pub(crate) reconcile_after: chrono::Duration,
    /// Placing requests waiting for their batch; shared by every clone of this facade.
    pub(crate) placing: Arc<BatchQueue<PlacingJob>>,
    /// Session lookups waiting for theirs (`sessions`); shared by every clone of this facade.
    pub(crate) session_lookups: Arc<BatchQueue<SessionLookup>>,
    /// What this process writes through (`crate::db::writer_for`): on SQLite one connection of its
    /// own, for which the process's writers queue in turn; on PostgreSQL the pool.
    pub(crate) writer: DatabaseConnection,
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
            writer: crate::db::writer_for(&db),
            placing: Arc::new(BatchQueue::new(PLACING_BATCH_MAX, lanes)),
            session_lookups: Arc::new(BatchQueue::new(SESSION_LOOKUP_BATCH_MAX, SESSION_LOOKUP_LANES)),
            gateway: Arc::new(TestGateway::new(db.clone())),
            db,
            clock: Arc::new(SystemClock),
            scheduler: Arc::new(SweepOnlyScheduler),
            payment_ttl: chrono::Duration::from_std(payment_ttl).unwrap_or(chrono::Duration::seconds(600)),
            reconcile_after: chrono::Duration::seconds(120),
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_gateway(mut self, gateway: Arc<dyn PaymentGateway>) -> Self {
        self.gateway = gateway;
        self
    }

    pub fn with_reconcile_after(mut self, after: std::time::Duration) -> Self {
        self.reconcile_after = chrono::Duration::from_std(after).unwrap_or(self.reconcile_after);
        self
    }

    pub fn with_scheduler(mut self, scheduler: Arc<dyn ExpiryScheduler>) -> Self {
        self.scheduler = scheduler;
        self
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Begins a write transaction on this process's writer (on SQLite, waiting for its turn).
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
        crate::db::begin_write(&self.writer).await
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

/// Defines one service: a copyable handle that borrows the facade, and the facade's method that
/// hands it out.
macro_rules! services {
    ($($(#[$doc:meta])* $getter:ident => $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'a> {
            pub(crate) facade: &'a OrderFacade,
        }

        impl OrderFacade {
            $(#[$doc])*
            pub fn $getter(&self) -> $name<'_> {
                $name { facade: self }
            }
        }
    )*};
}

services! {
    /// Carts, placing, paying, cancelling, refunding and expiring orders; the shopper's and the
    /// admin's order pages.
    orders => Orders;
    /// Products, their stock, categories, search and images.
    catalog => Catalog;
    /// Signing up and in, sessions, and the limit on failed sign-ins.
    accounts => Accounts;
    /// Coupons, campaigns, claiming, and which of a shopper's coupons fit a cart.
    coupons => Coupons;
    /// What operators and the worker's sweep run: the dashboard, purges, demo data.
    operations => Operations;
}
