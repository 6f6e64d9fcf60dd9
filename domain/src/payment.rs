//! Payment goes through a gateway; the built-in one is a local test gateway. No card data is kept.
use std::collections::HashSet;
use std::sync::Mutex;

use async_trait::async_trait;

/// The test card number the test gateway declines.
pub const DECLINED_TEST_CARD: &str = "4000000000000002";
/// A test card whose charges the test gateway later refuses to refund (to see a refused refund).
pub const REFUND_DECLINED_TEST_CARD: &str = "4000000000000069";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentOutcome {
    Approved { reference: String },
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOutcome {
    /// The money went back (or had already gone back: a refund is idempotent by its reference).
    Refunded,
    /// The gateway refused, and said why.
    Declined { reason: String },
}

#[async_trait]
pub trait PaymentGateway: Send + Sync + 'static {
    async fn charge(&self, order_id: i64, amount: i64, card_number: Option<&str>) -> PaymentOutcome;
    /// Gives a charge back. Idempotent by `reference`: asking twice refunds once.
    async fn refund(&self, reference: &str) -> RefundOutcome;
}

/// Approves every charge except the documented declined test card; refunds every charge once
/// (a repeated refund of the same charge is a no-op), except charges made with the
/// refund-declined test card.
#[derive(Debug, Default)]
pub struct TestGateway {
    refunded: Mutex<HashSet<String>>,
}

impl TestGateway {
    /// Charges this gateway has given back (each counted once).
    pub fn refunds(&self) -> usize {
        self.refunded.lock().map_or(0, |r| r.len())
    }
}

const NO_REFUND: &str = "-norefund";

#[async_trait]
impl PaymentGateway for TestGateway {
    async fn charge(&self, order_id: i64, amount: i64, card_number: Option<&str>) -> PaymentOutcome {
        let card: String = card_number.unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        match card.as_str() {
            DECLINED_TEST_CARD => PaymentOutcome::Declined,
            REFUND_DECLINED_TEST_CARD => {
                PaymentOutcome::Approved { reference: format!("test-{order_id}-{amount}{NO_REFUND}") }
            }
            _ => PaymentOutcome::Approved { reference: format!("test-{order_id}-{amount}") },
        }
    }

    async fn refund(&self, reference: &str) -> RefundOutcome {
        if reference.ends_with(NO_REFUND) {
            return RefundOutcome::Declined { reason: "the card issuer refused the refund (test card)".to_owned() };
        }
        let first = self.refunded.lock().is_ok_and(|mut r| r.insert(reference.to_owned()));
        if first {
            tracing::info!(reference, "test gateway refund");
        } else {
            tracing::info!(reference, "test gateway refund already made; nothing more refunded");
        }
        RefundOutcome::Refunded
    }
}
