//! What an order's timeline records, with what each kind of event carries. The database stores
//! (and the API sends) an event as its kind and a line of text; that text is written and read
//! here only, so the facade records typed events and the admin's page reads them back typed -
//! nobody else spells or splits the text.
use crate::{CancelReason, EventKind, UnknownState};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEvent {
    /// `total 12000`
    Placed {
        total: i64,
    },
    /// `coupon 7`: the issued coupon reserved.
    CouponReserved {
        coupon_id: i64,
    },
    /// `job expire-order-12 runs at 2026-12-07T10:00:00+00:00`
    ExpiryScheduled {
        job_id: String,
        run_at: String,
    },
    /// Why the queue did not take the job (the sweep expires the order).
    ExpiryEnqueueFailed {
        reason: String,
    },
    /// The charge's reference.
    Paid {
        reference: String,
    },
    CouponUsed,
    /// `expired`, `by_customer` or `by_admin`.
    Cancelled {
        reason: CancelReason,
    },
    /// `12x1, 13:7x2`: product id (and variant id, for a product with options) and units given
    /// back, per line.
    StockRestored {
        lines: Vec<RestoredLine>,
    },
    CouponReleased,
    /// The refunded charge's reference.
    Refunded {
        reference: String,
    },
    /// `author: text`, staff's internal note.
    Note {
        author: String,
        text: String,
    },
}

/// One line of a `stock_restored` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoredLine {
    pub product_id: i64,
    pub variant_id: Option<i64>,
    pub units: i32,
}

impl RestoredLine {
    fn write(&self) -> String {
        match self.variant_id {
            None => format!("{}x{}", self.product_id, self.units),
            Some(v) => format!("{}:{v}x{}", self.product_id, self.units),
        }
    }

    fn read(line: &str) -> Option<Self> {
        let (row, units) = line.split_once('x')?;
        let (product, variant) = match row.split_once(':') {
            Some((p, v)) => (p, Some(v.parse().ok()?)),
            None => (row, None),
        };
        Some(Self { product_id: product.parse().ok()?, variant_id: variant, units: units.parse().ok()? })
    }
}

impl OrderEvent {
    pub fn kind(&self) -> EventKind {
        match self {
            Self::Placed { .. } => EventKind::Placed,
            Self::CouponReserved { .. } => EventKind::CouponReserved,
            Self::ExpiryScheduled { .. } => EventKind::ExpiryScheduled,
            Self::ExpiryEnqueueFailed { .. } => EventKind::ExpiryEnqueueFailed,
            Self::Paid { .. } => EventKind::Paid,
            Self::CouponUsed => EventKind::CouponUsed,
            Self::Cancelled { .. } => EventKind::Cancelled,
            Self::StockRestored { .. } => EventKind::StockRestored,
            Self::CouponReleased => EventKind::CouponReleased,
            Self::Refunded { .. } => EventKind::Refunded,
            Self::Note { .. } => EventKind::Note,
        }
    }

    /// The event's text as stored and sent (`None` for the events that carry nothing).
    pub fn detail(&self) -> Option<String> {
        match self {
            Self::Placed { total } => Some(format!("total {total}")),
            Self::CouponReserved { coupon_id } => Some(format!("coupon {coupon_id}")),
            Self::ExpiryScheduled { job_id, run_at } => Some(format!("job {job_id} runs at {run_at}")),
            Self::ExpiryEnqueueFailed { reason } => Some(reason.clone()),
            Self::Paid { reference } | Self::Refunded { reference } => Some(reference.clone()),
            Self::CouponUsed | Self::CouponReleased => None,
            Self::Cancelled { reason } => Some(reason.as_str().to_owned()),
            Self::StockRestored { lines } => Some(lines.iter().map(RestoredLine::write).collect::<Vec<_>>().join(", ")),
            Self::Note { author, text } => Some(format!("{author}: {text}")),
        }
    }

    /// The event a stored kind and text make; an error for text this kind never writes.
    pub fn read(kind: EventKind, detail: Option<&str>) -> Result<Self, UnknownState> {
        let bad = || UnknownState { kind: "order event detail", text: detail.unwrap_or_default().to_owned() };
        let text = || detail.ok_or_else(bad);
        let number = |prefix: &str| -> Result<i64, UnknownState> {
            text()?.strip_prefix(prefix).and_then(|n| n.parse().ok()).ok_or_else(bad)
        };
        Ok(match kind {
            EventKind::Placed => Self::Placed { total: number("total ")? },
            EventKind::CouponReserved => Self::CouponReserved { coupon_id: number("coupon ")? },
            EventKind::ExpiryScheduled => {
                let (job_id, run_at) =
                    text()?.strip_prefix("job ").and_then(|rest| rest.split_once(" runs at ")).ok_or_else(bad)?;
                Self::ExpiryScheduled { job_id: job_id.to_owned(), run_at: run_at.to_owned() }
            }
            EventKind::ExpiryEnqueueFailed => Self::ExpiryEnqueueFailed { reason: text()?.to_owned() },
            EventKind::Paid => Self::Paid { reference: text()?.to_owned() },
            EventKind::CouponUsed => Self::CouponUsed,
            EventKind::Cancelled => Self::Cancelled { reason: CancelReason::parse(text()?).ok_or_else(bad)? },
            EventKind::StockRestored => Self::StockRestored {
                lines: text()?
                    .split(", ")
                    .filter(|l| !l.is_empty())
                    .map(|line| RestoredLine::read(line).ok_or_else(bad))
                    .collect::<Result<_, UnknownState>>()?,
            },
            EventKind::CouponReleased => Self::CouponReleased,
            EventKind::Refunded => Self::Refunded { reference: text()?.to_owned() },
            EventKind::Note => {
                let (author, text) = text()?.split_once(": ").ok_or_else(bad)?;
                Self::Note { author: author.to_owned(), text: text.to_owned() }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(product_id: i64, variant_id: Option<i64>, units: i32) -> RestoredLine {
        RestoredLine { product_id, variant_id, units }
    }

    #[test]
    fn every_event_reads_back_as_written() {
        let events = [
            OrderEvent::Placed { total: 27_500 },
            OrderEvent::CouponReserved { coupon_id: 7 },
            OrderEvent::ExpiryScheduled {
                job_id: "expire-order-12".into(),
                run_at: "2026-12-07T10:00:00+00:00".into(),
            },
            OrderEvent::ExpiryEnqueueFailed { reason: "redis unreachable: refused".into() },
            OrderEvent::Paid { reference: "tg_1f2e".into() },
            OrderEvent::CouponUsed,
            OrderEvent::Cancelled { reason: CancelReason::ByCustomer },
            OrderEvent::StockRestored { lines: vec![line(12, None, 1), line(13, Some(7), 2)] },
            OrderEvent::CouponReleased,
            OrderEvent::Refunded { reference: "tg_1f2e".into() },
            // A note may itself hold ": " - only the first one separates the author.
            OrderEvent::Note { author: "ops@shop.test".into(), text: "called: no answer".into() },
        ];
        assert_eq!(events.len(), EventKind::ALL.len(), "one example of every kind");
        for e in events {
            let detail = e.detail();
            assert_eq!(OrderEvent::read(e.kind(), detail.as_deref()), Ok(e.clone()), "{detail:?}");
        }
        assert_eq!(
            OrderEvent::StockRestored { lines: vec![line(12, None, 1), line(13, None, 2)] }.detail().as_deref(),
            Some("12x1, 13x2"),
            "a product without options reads as before options"
        );
        assert_eq!(OrderEvent::StockRestored { lines: vec![line(13, Some(7), 2)] }.detail().as_deref(), Some("13:7x2"));
        assert!(OrderEvent::read(EventKind::Placed, Some("total lots")).is_err());
        assert!(OrderEvent::read(EventKind::Cancelled, None).is_err());
    }
}
