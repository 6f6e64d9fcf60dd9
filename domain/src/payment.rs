//! Payment goes through a gateway; the built-in one is a local test gateway. No card data is kept.
use async_trait::async_trait;

/// The test card number the test gateway declines.
pub const DECLINED_TEST_CARD: &str = "4000000000000002";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentOutcome {
    Approved { reference: String },
    Declined,
}

#[async_trait]
pub trait PaymentGateway: Send + Sync + 'static {
    async fn charge(&self, order_id: i64, amount: i64, card_number: Option<&str>) -> PaymentOutcome;
    /// Gives a charge back (used when the order could not be marked paid after the charge).
    async fn refund(&self, reference: &str);
}

/// Approves every charge except the documented declined test card.
#[derive(Debug, Default, Clone, Copy)]
pub struct TestGateway;

#[async_trait]
impl PaymentGateway for TestGateway {
    async fn charge(&self, order_id: i64, amount: i64, card_number: Option<&str>) -> PaymentOutcome {
        let card: String = card_number.unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        if card == DECLINED_TEST_CARD {
            PaymentOutcome::Declined
        } else {
            PaymentOutcome::Approved { reference: format!("test-{order_id}-{amount}") }
        }
    }

    async fn refund(&self, reference: &str) {
        tracing::info!(reference, "test gateway refund");
    }
}
