//! `/admin/orders`: every order, filtered by state, order id or shopper email and date range,
//! with the counts per state on top. Re-reads itself every 3 s.
use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminOnly};
use crate::components::pager::Pager;
use crate::components::ticker::ticker;
use crate::error::ShopError;
use crate::format::krw;
use crate::format::urlencode;
use crate::i18n::{t, ta};
use contract::StatusFilter;

pub const PER_PAGE: u64 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrderRow {
    pub id: i64,
    pub email: String,
    pub created_at: String,
    pub units: i64,
    pub total: i64,
    pub state: crate::model::OrderState,
    pub status_label: String,
    /// Seconds to the deadline, for pending orders.
    pub seconds_left: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrderList {
    pub rows: Vec<AdminOrderRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// (filter value, label, count) for every state.
    pub counts: Vec<(String, String, u64)>,
}

#[server(endpoint = "admin_orders")]
pub async fn list_admin_orders(
    status: String,
    search: String,
    from: String,
    to: String,
    page: u64,
) -> Result<AdminOrderList, ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let filter = order_filter(&status, &search, &from, &to, crate::format::shop_zone())?;
    let page = page.max(1);
    let found = facade.orders().admin_orders(&filter, page, PER_PAGE).await?;
    let now = facade.now();
    let rows = found
        .items
        .into_iter()
        .map(|o| {
            let o_ = o.order;
            let state = crate::model::order_state(&o_);
            Ok(AdminOrderRow {
                id: o_.id,
                email: o.user_email,
                created_at: crate::format::when(o_.created_at),
                units: o_.items.iter().map(|i| i64::from(i.quantity)).sum(),
                total: o_.total,
                status_label: crate::format::status_label(state),
                seconds_left: (state == crate::model::OrderState::PendingPayment)
                    .then(|| (o_.expires_at - now).num_seconds()),
                state,
            })
        })
        .collect::<Result<Vec<_>, ShopError>>()?;
    let c = facade.orders().status_counts(None).await?;
    let say = crate::i18n::say;
    // Every filter but `cancelled` (which adds up three of these) shows its count.
    let counts = StatusFilter::ALL
        .iter()
        .filter_map(|&f| {
            let n = match f {
                StatusFilter::PendingPayment => c.pending_payment,
                StatusFilter::Paid => c.paid,
                StatusFilter::Cancelled => return None,
                StatusFilter::Expired => c.expired,
                StatusFilter::CancelledByCustomer => c.cancelled_by_customer,
                StatusFilter::CancelledByAdmin => c.cancelled_by_admin,
                StatusFilter::Refunded => c.refunded,
            };
            Some((f.as_str().to_owned(), say(filter_key(f)), n))
        })
        .collect();
    Ok(AdminOrderList { rows, total: found.total, page, pages: found.total.div_ceil(PER_PAGE).max(1), counts })
}

/// What a status filter reads as in the list's filter and counts.
fn filter_key(filter: StatusFilter) -> &'static str {
    match filter {
        StatusFilter::PendingPayment => "status-pending-payment",
        StatusFilter::Paid => "status-paid",
        StatusFilter::Cancelled => "admin-status-cancelled-any",
        StatusFilter::Expired => "status-expired",
        StatusFilter::CancelledByCustomer => "admin-cancelled-by-shopper",
        StatusFilter::CancelledByAdmin => "admin-cancelled-by-admin",
        StatusFilter::Refunded => "status-refunded",
    }
}

/// The list's filter from the page's query: a state, an order id or a piece of an email, and
/// placing days (both included) in the shop's time zone. Shared with the CSV export, so the file
/// holds exactly the orders the page lists.
#[cfg(feature = "ssr")]
pub fn order_filter(
    status: &str,
    search: &str,
    from: &str,
    to: &str,
    zone: chrono_tz::Tz,
) -> Result<domain::orders::OrderFilter, ShopError> {
    use domain::orders::{OrderFilter, parse_status_filter};
    let day =
        |field: &'static str, raw: &str, plus_days: i64| -> Result<Option<chrono::DateTime<chrono::Utc>>, ShopError> {
            if raw.trim().is_empty() {
                return Ok(None);
            }
            let date = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
                ShopError::new(
                    crate::error::ErrorCode::ValidationError,
                    crate::i18n::say_with("admin-error-date", &[("field", field.into())]),
                )
            })?;
            Ok(Some(crate::format::midnight_in(zone, date + chrono::Duration::days(plus_days))))
        };
    Ok(OrderFilter {
        status: Some(status).filter(|s| !s.is_empty()).map(parse_status_filter).transpose()?,
        user_id: None,
        search: Some(search.to_owned()).filter(|s| !s.trim().is_empty()),
        created_from: day("from", from, 0)?,
        // The "to" day is included: orders before the next midnight.
        created_before: day("to", to, 1)?,
    })
}

/// "4:05 left", "overdue" for a pending order.
pub fn time_left(seconds: i64) -> String {
    if seconds > 0 {
        ta("admin-time-left", &[("left", format!("{}:{:02}", seconds / 60, seconds % 60).into())])
    } else {
        t("admin-overdue")
    }
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let tick = ticker(Duration::from_secs(3));
    let list = Resource::new(
        move || {
            let page = param("page").parse::<u64>().unwrap_or(1);
            (param("status"), param("q"), param("from"), param("to"), page, tick.get())
        },
        |(status, q, from, to, page, _)| list_admin_orders(status, q, from, to, page),
    );
    view! {
        <Title text=t("admin-orders")/>
        <AdminOnly>
        <h1>{t("admin-orders")}</h1>
        <form method="get" action="/admin/orders" class="filters">
            <div>
                <label for="f-status">{t("col-status")}</label>
                <select id="f-status" name="status">
                    {std::iter::once(("", "admin-status-any"))
                        .chain(StatusFilter::ALL.iter().map(|&f| (f.as_str(), filter_key(f))))
                        .map(|(v, l)| view! { <option value=v selected=move || param("status") == v>{t(l)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="f-q">{t("admin-search-label")}</label>
                <input id="f-q" type="text" name="q" value=move || param("q")/>
            </div>
            <div>
                <label for="f-from">{t("admin-placed-from")}</label>
                <input id="f-from" type="date" name="from" value=move || param("from")/>
            </div>
            <div>
                <label for="f-to">{t("admin-placed-to")}</label>
                <input id="f-to" type="date" name="to" value=move || param("to")/>
            </div>
            <button type="submit">{t("admin-filter")}</button>
        </form>
        <p class="export">
            <a href=move || {
                let keep = ["status", "q", "from", "to"]
                    .iter()
                    .filter_map(|k| Some(param(k)).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", urlencode(&v))))
                    .collect::<Vec<_>>()
                    .join("&");
                format!("/admin/orders.csv?{keep}")
            } download data-testid="csv-export">{t("admin-export-csv")}</a>
            <span class="meta">{t("admin-export-csv-hint")}</span>
        </p>
        </AdminOnly>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => view! { <OrderTable list=l/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderTable(list: AdminOrderList) -> impl IntoView {
    let query = use_query_map();
    let link_to_page = move |page: u64| {
        let q = query.read();
        let keep = ["status", "q", "from", "to"]
            .iter()
            .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", urlencode(&v))))
            .collect::<Vec<_>>()
            .join("&");
        format!("/admin/orders?{keep}&page={page}")
    };
    let (page, pages) = (list.page, list.pages);
    view! {
        <ul class="status-counts" aria-label=t("admin-orders-per-state")>
            {list.counts.into_iter().map(|(value, label, n)| view! {
                <li><a href=format!("/admin/orders?status={value}") data-testid=format!("count-{value}")>
                    <strong>{n}</strong> " " {label}
                </a></li>
            }).collect_view()}
        </ul>
        <p class="meta">{ta("admin-matching-orders", &[("count", (list.total as i64).into())])}</p>
        <table class="lines admin-orders">
            <caption class="visually-hidden">{t("orders-caption")}</caption>
            <thead><tr>
                <th scope="col">{t("col-order")}</th><th scope="col">{t("admin-col-shopper")}</th><th scope="col">{t("col-placed")}</th>
                <th scope="col">{t("col-items")}</th><th scope="col">{t("col-total")}</th><th scope="col">{t("col-status")}</th>
            </tr></thead>
            <tbody>
                {list.rows.into_iter().map(|o| view! {
                    <tr data-order-id=o.id>
                        <th scope="row"><a href=format!("/admin/orders/{}", o.id)>{format!("#{}", o.id)}</a></th>
                        <td data-label=t("admin-col-shopper")>{o.email}</td>
                        <td data-label=t("col-placed")>{o.created_at}</td>
                        <td data-label=t("col-items")>{o.units}</td>
                        <td data-label=t("col-total")>{krw(o.total)}</td>
                        <td data-label=t("col-status")>
                            <span class=format!("badge {}", o.state) data-testid="admin-order-status">{o.status_label}</span>
                            {o.seconds_left.map(|s| view! { <span class="meta">{format!(" {}", time_left(s))}</span> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pager page pages href=link_to_page/>
    }
}
