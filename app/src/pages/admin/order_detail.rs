//! `/admin/orders/:id`: one order as an admin sees it - lines with their price snapshots, coupon,
//! amounts, deadline and the timeline of its events. Re-reads itself every 3 s.
use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminNav, ticker};
use crate::error::ShopError;
use crate::format::krw;
use crate::i18n::{t, ta};
use crate::model::{Amounts, OrderLineView};
use crate::pages::checkout::AmountsTable;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: String,
    /// What the event means, in words.
    pub label: String,
    pub at: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrderDetail {
    pub id: i64,
    pub email: String,
    pub status: String,
    pub status_label: String,
    pub lines: Vec<OrderLineView>,
    pub amounts: Amounts,
    pub coupon_id: Option<i64>,
    pub created_at: String,
    pub expires_at: String,
    pub timeline: Vec<TimelineEntry>,
}

/// An order event's kind, as an admin reads it, in the request's language.
#[cfg(feature = "ssr")]
pub fn event_label(kind: &str) -> String {
    crate::i18n::say(match kind {
        "placed" => "event-placed",
        "coupon_reserved" => "event-coupon-reserved",
        "expiry_scheduled" => "event-expiry-scheduled",
        "expiry_enqueue_failed" => "event-expiry-enqueue-failed",
        "paid" => "event-paid",
        "coupon_used" => "event-coupon-used",
        "cancelled" => "event-cancelled",
        "expired" => "event-expired",
        "stock_restored" => "event-stock-restored",
        "coupon_released" => "event-coupon-released",
        "payment_declined" => "event-payment-declined",
        "refunded" => "event-refunded",
        _ => "event-other",
    })
}

#[server(endpoint = "admin_order")]
pub async fn load_admin_order(id: i64) -> Result<AdminOrderDetail, ShopError> {
    super::require_admin().await?;
    let (o, events) = crate::session::facade().admin_order(id).await?;
    let when = crate::format::when;
    let order = o.order;
    let amounts = Amounts::from(&order);
    Ok(AdminOrderDetail {
        id: order.id,
        email: o.user_email,
        status_label: crate::pages::orders::status_label(&order.status, order.cancel_reason.as_deref()),
        status: order.status,
        lines: order.items.into_iter().map(Into::into).collect(),
        amounts,
        coupon_id: order.coupon_id,
        created_at: when(order.created_at),
        expires_at: when(order.expires_at),
        timeline: events
            .into_iter()
            .map(|e| TimelineEntry { label: event_label(&e.kind), kind: e.kind, at: when(e.at), detail: e.detail })
            .collect(),
    })
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let tick = ticker(Duration::from_secs(3));
    let order = Resource::new(move || (id(), tick.get()), |(id, _)| load_admin_order(id));
    view! {
        <AdminNav/>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <Detail order=o/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Detail(order: AdminOrderDetail) -> impl IntoView {
    view! {
        <Title text=ta("order-number", &[("id", order.id.into())])/>
        <h1>{ta("order-title", &[("id", order.id.into())])}</h1>
        <p>
            <span class=format!("badge {}", order.status) data-testid="admin-order-status">{order.status_label}</span>
            " " {order.email}
        </p>
        <p class="meta">{ta("admin-placed-due", &[("placed", order.created_at.as_str().into()), ("due", order.expires_at.as_str().into())])}</p>
        <table class="lines">
            <caption class="visually-hidden">{t("admin-lines-caption")}</caption>
            <thead><tr>
                <th scope="col">{t("col-product")}</th><th scope="col">{t("admin-col-unit-price")}</th>
                <th scope="col">{t("col-quantity")}</th><th scope="col">{t("col-total")}</th>
            </tr></thead>
            <tbody>
                {order.lines.into_iter().map(|l| view! {
                    <tr><th scope="row">{format!("{} (#{})", l.name, l.product_id)}</th>
                    <td data-label=t("admin-col-unit-price")>{krw(l.unit_price)}</td>
                    <td data-label=t("col-quantity")>{l.quantity}</td>
                    <td data-label=t("col-total")>{krw(l.line_total)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {order.coupon_id.map(|c| view! { <p>{ta("admin-issued-coupon", &[("id", c.into())])}</p> })}
        <AmountsTable amounts=order.amounts/>
        <h2>{t("admin-timeline")}</h2>
        <ol class="timeline" data-testid="timeline">
            {order.timeline.into_iter().map(|e| view! {
                <li data-kind=e.kind.clone()>
                    <time>{e.at}</time> " " <strong>{e.label}</strong>
                    {e.detail.map(|d| view! { <span class="meta">{format!(" ({d})")}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}
