//! `GET /admin/orders.csv?status=&q=&from=&to=`: the admin's order list, with the same filter as
//! the page, as a CSV file for a spreadsheet. It is streamed a batch at a time (each batch one
//! indexed range read), so a hundred thousand orders never sit in memory at once.
//!
//! Written for Excel as Korean admins use it: a UTF-8 byte order mark (without it Excel reads
//! Hangul as mojibake), CRLF line ends, column names in the admin's language, times in the shop's
//! zone, amounts as plain integers (KRW) so they sum. A cell that starts like a formula (`=`, `+`,
//! `-`, `@`) gets a leading `'`: a shopper's name must never run as a formula on the admin's PC.
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::orders::{AdminOrder, OrderFilter};
use serde::Deserialize;

use crate::api::error::ApiError;
use crate::api::extract::Admin;
use crate::state::AppState;
use domain::Field;

/// Orders per read.
const BATCH: u64 = 500;

#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

const COLUMNS: [&str; 14] = [
    "csv-order",
    "csv-placed-at",
    "csv-email",
    "csv-status",
    "csv-items",
    "csv-units",
    "csv-subtotal",
    "csv-discount",
    "csv-total",
    "csv-paid-at",
    "csv-recipient",
    "csv-phone",
    "csv-postal-code",
    "csv-address",
];

pub async fn csv(
    State(state): State<AppState>,
    Admin(_): Admin,
    headers: axum::http::HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let filter = app::pages::admin::orders::order_filter(&q.status, &q.q, &q.from, &q.to, state.time_zone)
        .map_err(|e| ApiError::field(Field::Query, e.message))?;
    let lang = request_lang(&headers);
    let zone = state.time_zone;
    let today = state.facade.now().with_timezone(&zone).format("%Y-%m-%d");
    let mut head = String::from("\u{feff}");
    push_row(&mut head, COLUMNS.iter().map(|k| lang.text(k)));

    struct Walk {
        state: AppState,
        filter: OrderFilter,
        before: Option<i64>,
        head: Option<String>,
        done: bool,
    }
    let walk = Walk { state, filter, before: None, head: Some(head), done: false };
    let stream = futures::stream::unfold(walk, move |mut w| async move {
        if let Some(head) = w.head.take() {
            return Some((Ok(Bytes::from(head)), w));
        }
        if w.done {
            return None;
        }
        match w.state.facade.orders().admin_orders_batch(&w.filter, w.before, BATCH).await {
            Ok(batch) => {
                w.done = (batch.len() as u64) < BATCH;
                w.before = batch.last().map(|o| o.order.id);
                if batch.is_empty() {
                    return None;
                }
                let mut out = String::with_capacity(batch.len() * 200);
                for o in &batch {
                    push_row(&mut out, row(o, lang, zone));
                }
                Some((Ok(Bytes::from(out)), w))
            }
            Err(e) => {
                // The response is under way: cut it off, so the download fails visibly instead of
                // ending as a shorter file that looks complete.
                tracing::error!(error = %e, "order export failed");
                w.done = true;
                Some((Err(std::io::Error::other("order export failed")), w))
            }
        }
    });
    let disposition = format!("attachment; filename=\"orders-{today}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

fn request_lang(headers: &axum::http::HeaderMap) -> app::i18n::Lang {
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    app::cookies::find_cookie(cookies, app::i18n::LANG_COOKIE).and_then(app::i18n::Lang::parse).unwrap_or_default()
}

fn row(o: &AdminOrder, lang: app::i18n::Lang, zone: chrono_tz::Tz) -> Vec<String> {
    let order = &o.order;
    let at = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S").to_string();
    let items =
        order.items.iter().map(|i| format!("{} x{}", i.product_name, i.quantity)).collect::<Vec<_>>().join("; ");
    let units: i64 = order.items.iter().map(|i| i64::from(i.quantity)).sum();
    let ship = order.shipping.as_ref();
    vec![
        order.id.to_string(),
        at(order.created_at),
        o.user_email.clone(),
        lang.text(app::format::status_key(app::model::OrderState::of(order.status, order.cancel_reason))),
        items,
        units.to_string(),
        order.subtotal.to_string(),
        order.discount.to_string(),
        order.total.to_string(),
        order.paid_at.map(at).unwrap_or_default(),
        ship.map(|s| s.recipient.clone()).unwrap_or_default(),
        ship.map(|s| s.phone.clone()).unwrap_or_default(),
        ship.map(|s| s.postal_code.clone()).unwrap_or_default(),
        ship.map(|s| [s.address1.as_str(), s.address2.as_deref().unwrap_or_default()].join(" ").trim().to_owned())
            .unwrap_or_default(),
    ]
}

/// One CSV record (RFC 4180): quoted when it must be, formulas defused.
fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        let defused =
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() };
        if defused.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&defused.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&defused);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::push_row;

    #[test]
    fn cells_are_quoted_when_needed_and_formulas_never_run() {
        let mut out = String::new();
        push_row(&mut out, ["plain", "a,b", "say \"hi\"", "=HYPERLINK(\"x\")", "-5", "두 줄\n주소"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",'-5,\"두 줄\n주소\"\r\n");
    }
}
