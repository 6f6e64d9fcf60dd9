//! Payment goes through a gateway; the built-in one is a local test gateway. No card data is kept.
//!
//! Every charge carries an idempotency key (the order's): asking again with the same key returns
//! the charge already made instead of making a second one, and the key lets a reconciler ask the
//! gateway, after a crash, whether a charge was made at all.
use std::sync::Arc;

use async_trait::async_trait;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::test_gateway_charge as charge;

/// The test card number the test gateway declines.
pub const DECLINED_TEST_CARD: &str = "4000000000000002";
/// A test card whose charges the test gateway later refuses to refund (to see a refused refund).
pub const REFUND_DECLINED_TEST_CARD: &str = "4000000000000069";

/// What the pay flow asks the gateway for.
#[derive(Debug, Clone, Copy)]
pub struct ChargeRequest<'a> {
    /// The same for every try to pay one order: a retried charge is the same charge.
    pub idempotency_key: &'a str,
    pub order_id: i64,
    pub amount: i64,
    pub card_number: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentOutcome {
    Approved {
        reference: String,
    },
    /// Nothing was charged; a later try under the same key may use another card.
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOutcome {
    /// The money went back (or had already gone back: a refund is idempotent by its reference).
    Refunded,
    /// The gateway refused, and said why.
    Declined { reason: String },
}

/// A charge the gateway holds under an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub reference: String,
    pub refunded: bool,
}

/// The gateway did not answer (or answered something unreadable): whether it acted is unknown.
#[derive(Debug, thiserror::Error)]
#[error("the payment gateway did not answer: {0}")]
pub struct GatewayUnavailable(pub String);

#[async_trait]
pub trait PaymentGateway: Send + Sync + 'static {
    /// Charges once per idempotency key: a second call with the key returns the first charge.
    async fn charge(&self, request: ChargeRequest<'_>) -> Result<PaymentOutcome, GatewayUnavailable>;
    /// Gives a charge back. Idempotent by `reference`: asking twice refunds once.
    async fn refund(&self, reference: &str) -> Result<RefundOutcome, GatewayUnavailable>;
    /// The charge made under `idempotency_key`, if any.
    async fn find_charge(&self, idempotency_key: &str) -> Result<Option<Charge>, GatewayUnavailable>;
}

/// Run by the test gateway right after it has recorded a charge and before it answers: the fault
/// suite's way to kill the process, or cut its database, at the worst moment.
pub type AfterCharge = Arc<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> + Send + Sync>;

/// Approves every charge except the documented declined test card; refunds every charge once
/// (a repeated refund of the same charge is a no-op), except charges made with the
/// refund-declined test card. Its ledger is a table of the shop's database, so that every server
/// and worker process - and the invariant checker - sees the same charges, as they would see a
/// real provider's.
#[derive(Clone)]
pub struct TestGateway {
    db: DatabaseConnection,
    after_charge: Option<AfterCharge>,
}

impl std::fmt::Debug for TestGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestGateway").field("after_charge", &self.after_charge.is_some()).finish()
    }
}

impl TestGateway {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, after_charge: None }
    }

    pub fn with_after_charge(mut self, hook: AfterCharge) -> Self {
        self.after_charge = Some(hook);
        self
    }

    /// Charges this gateway has given back (each counted once).
    pub async fn refunds(&self) -> Result<u64, GatewayUnavailable> {
        use sea_orm::PaginatorTrait;
        charge::Entity::find().filter(charge::Column::RefundedAt.is_not_null()).count(&self.db).await.map_err(down)
    }
}

fn down(e: sea_orm::DbErr) -> GatewayUnavailable {
    GatewayUnavailable(e.to_string())
}

#[async_trait]
impl PaymentGateway for TestGateway {
    async fn charge(&self, request: ChargeRequest<'_>) -> Result<PaymentOutcome, GatewayUnavailable> {
        let card: String = request.card_number.unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        if card == DECLINED_TEST_CARD {
            return Ok(PaymentOutcome::Declined);
        }
        let row = charge::ActiveModel {
            idempotency_key: Set(request.idempotency_key.to_owned()),
            reference: Set(format!("test-{}", request.idempotency_key)),
            order_id: Set(request.order_id),
            amount: Set(request.amount),
            refund_declined: Set(card == REFUND_DECLINED_TEST_CARD),
            created_at: Set(chrono::Utc::now()),
            refunded_at: Set(None),
        };
        // A key seen before answers with the charge it made: never a second charge. No conflict
        // target: the reference is unique too, and PostgreSQL raises a unique violation on an
        // index that is not a target when two tries of one key insert at the same moment.
        charge::Entity::insert(row)
            .on_conflict(OnConflict::new().do_nothing().to_owned())
            .exec_without_returning(&self.db)
            .await
            .map_err(down)?;
        let made = charge::Entity::find_by_id(request.idempotency_key.to_owned())
            .one(&self.db)
            .await
            .map_err(down)?
            .ok_or_else(|| GatewayUnavailable("the charge just recorded is missing".to_owned()))?;
        if let Some(hook) = &self.after_charge {
            hook().await;
        }
        Ok(PaymentOutcome::Approved { reference: made.reference })
    }

    async fn refund(&self, reference: &str) -> Result<RefundOutcome, GatewayUnavailable> {
        let res = charge::Entity::update_many()
            .col_expr(charge::Column::RefundedAt, Expr::value(chrono::Utc::now()))
            .filter(charge::Column::Reference.eq(reference))
            .filter(charge::Column::RefundedAt.is_null())
            .filter(charge::Column::RefundDeclined.eq(false))
            .exec(&self.db)
            .await
            .map_err(down)?;
        if res.rows_affected == 1 {
            tracing::info!(reference, "test gateway refund");
            return Ok(RefundOutcome::Refunded);
        }
        // Nothing changed: already refunded (a no-op), refused by the test card, or unknown.
        let found = charge::Entity::find().filter(charge::Column::Reference.eq(reference)).one(&self.db).await;
        Ok(match found.map_err(down)? {
            Some(c) if c.refunded_at.is_some() => {
                tracing::info!(reference, "test gateway refund already made; nothing more refunded");
                RefundOutcome::Refunded
            }
            Some(_) => RefundOutcome::Declined { reason: "the card issuer refused the refund (test card)".to_owned() },
            None => RefundOutcome::Declined { reason: "no such charge".to_owned() },
        })
    }

    async fn find_charge(&self, idempotency_key: &str) -> Result<Option<Charge>, GatewayUnavailable> {
        let found = charge::Entity::find_by_id(idempotency_key.to_owned()).one(&self.db).await.map_err(down)?;
        Ok(found.map(|c| Charge { reference: c.reference, refunded: c.refunded_at.is_some() }))
    }
}
