//! How amounts, stock and times read to a shopper.
use contract::OrderState;

use crate::i18n::{t, ta};

/// `12000` -> `₩12,000`.
pub fn krw(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if amount < 0 {
        out.push('-');
    }
    out.push('₩');
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Below this many units a product says how many are left.
pub const LOW_STOCK: i64 = 5;

/// "Sold out", "Only 3 left" or "In stock", in the page's language.
pub fn stock_label(stock: i64) -> String {
    match stock {
        ..=0 => t("stock-sold-out"),
        n if n <= LOW_STOCK => ta("stock-only-left", &[("count", n.into())]),
        _ => t("stock-in-stock"),
    }
}

/// The zone the pages show times in (`SHOP_TIME_ZONE`, default `Asia/Seoul`), provided by the
/// server to every render and server function.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy)]
pub struct ShopTimeZone(pub chrono_tz::Tz);

#[cfg(feature = "ssr")]
fn local(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono_tz::Tz> {
    t.with_timezone(&shop_zone())
}

/// The instant the shop's day `day` begins in `zone`.
#[cfg(feature = "ssr")]
pub fn midnight_in(zone: chrono_tz::Tz, day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    day.and_hms_opt(0, 0, 0)
        .and_then(|m| zone.from_local_datetime(&m).earliest())
        .map_or_else(|| day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(), |t| t.with_timezone(&chrono::Utc))
}

/// The shop's time zone of this render or server function.
#[cfg(feature = "ssr")]
pub fn shop_zone() -> chrono_tz::Tz {
    leptos::prelude::use_context::<ShopTimeZone>().map_or(chrono_tz::Asia::Seoul, |z| z.0)
}

/// When the shop's day and week (from Monday) began, as instants: "today" and "this week" are
/// the shop's, not UTC's.
#[cfg(feature = "ssr")]
pub fn day_and_week_start(
    now: chrono::DateTime<chrono::Utc>,
) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    use chrono::Datelike;
    let here = local(now);
    let start_of = |day: chrono::NaiveDate| midnight_in(here.timezone(), day);
    let today = here.date_naive();
    let monday = today - chrono::Duration::days(i64::from(here.weekday().num_days_from_monday()));
    (start_of(today), start_of(monday))
}

/// A moment in the shop's time zone, with the zone's label, in the request's language:
/// `2026.11.30 18:32 KST` / `Nov 30, 2026, 18:32 KST`.
#[cfg(feature = "ssr")]
pub fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    local(t).format(&crate::i18n::request_lang().text("format-datetime")).to_string()
}

/// A day in the shop's time zone: `2026.11.30` / `Nov 30, 2026`.
#[cfg(feature = "ssr")]
pub fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    local(t).format(&crate::i18n::request_lang().text("format-date")).to_string()
}

/// A time of day with the zone's label: `18:32 KST`.
#[cfg(feature = "ssr")]
pub fn time_of_day(t: chrono::DateTime<chrono::Utc>) -> String {
    local(t).format(&crate::i18n::request_lang().text("format-time")).to_string()
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where to go after signing in: only a path on this site (never `//elsewhere`).
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

/// The message key of an order's state as shoppers and admins read it.
pub fn status_key(state: OrderState) -> &'static str {
    match state {
        OrderState::PendingPayment => "status-pending-payment",
        OrderState::Paid => "status-paid",
        OrderState::Expired => "status-expired",
        OrderState::Cancelled => "status-cancelled",
        OrderState::Refunded => "status-refunded",
    }
}

/// "Awaiting payment", "Paid", "Expired", "Cancelled" or "Refunded", in the request's language.
#[cfg(feature = "ssr")]
pub fn status_label(state: OrderState) -> String {
    crate::i18n::say(status_key(state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_won_with_thousands_separators() {
        assert_eq!(krw(0), "₩0");
        assert_eq!(krw(999), "₩999");
        assert_eq!(krw(12_000), "₩12,000");
        assert_eq!(krw(1_234_567), "₩1,234,567");
        assert_eq!(krw(-5_000), "-₩5,000");
    }

    #[test]
    fn stock_reads_as_a_shopper_expects() {
        // Outside a page there is no language context: the default, Korean.
        assert_eq!(stock_label(0), "품절");
        assert_eq!(stock_label(3), "3개 남음");
        assert_eq!(stock_label(50), "구매 가능");
    }
}
