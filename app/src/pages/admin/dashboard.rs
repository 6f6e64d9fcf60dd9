//! `/admin`: today's orders per state and paid revenue, orders about to expire, low stock, and
//! whether the expiry workers are keeping up. Re-reads itself every 5 s.
use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::orders::time_left;
use super::{AdminError, AdminOnly};
use crate::components::ticker::ticker;
use crate::error::ShopError;
use crate::format::krw;
use crate::i18n::{t, ta};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub today: Vec<(String, u64)>,
    pub revenue_today: i64,
    pub revenue_week: i64,
    /// (order id, email, total, seconds left)
    pub near_expiry: Vec<(i64, String, i64, i64)>,
    /// (product id, name, stock)
    pub low_stock: Vec<(i64, String, i64)>,
    /// (seconds ago, orders it expired)
    pub last_sweep: Option<(i64, i64)>,
    /// (host, seconds since its last sweep)
    pub live_workers: Vec<(String, i64)>,
    pub awaiting_expiry: u64,
    pub overdue: u64,
}

#[server(endpoint = "admin_dashboard")]
pub async fn admin_dashboard() -> Result<DashboardView, ShopError> {
    use crate::i18n::say;
    super::require_admin().await?;
    let facade = crate::session::facade();
    let (day_start, week_start) = crate::format::day_and_week_start(facade.now());
    let d = facade.operations().dashboard_from(day_start, week_start).await?;
    Ok(DashboardView {
        today: vec![
            (say("status-pending-payment"), d.today.pending_payment),
            (say("status-paid"), d.today.paid),
            (say("status-expired"), d.today.expired),
            (say("admin-cancelled-by-shopper"), d.today.cancelled_by_customer),
        ],
        revenue_today: d.revenue_today,
        revenue_week: d.revenue_week,
        near_expiry: d
            .near_expiry
            .into_iter()
            .map(|o| (o.order_id, o.user_email, o.total, (o.expires_at - d.now).num_seconds()))
            .collect(),
        low_stock: d.low_stock.into_iter().map(|p| (p.id, p.name, p.stock)).collect(),
        last_sweep: d.last_sweep.map(|(at, n)| ((d.now - at).num_seconds().max(0), n)),
        // A worker's name is `host pid N`: staff care where it runs and whether it is alive.
        live_workers: d
            .live_workers
            .into_iter()
            .map(|(name, at)| {
                let host = name.split(" pid ").next().unwrap_or(&name).to_owned();
                (host, (d.now - at).num_seconds().max(0))
            })
            .collect(),
        awaiting_expiry: d.awaiting_expiry,
        overdue: d.overdue,
    })
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminDashboardPage() -> impl IntoView {
    let tick = ticker(Duration::from_secs(5));
    let data = Resource::new(move || tick.get(), |_| admin_dashboard());
    view! {
        <Title text=t("admin-dashboard")/>
        <AdminOnly>
        <h1>{t("admin-dashboard")}</h1>
        </AdminOnly>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Figures d/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Figures(d: DashboardView) -> impl IntoView {
    view! {
        <section class="tiles" aria-label=t("admin-today")>
            {d.today.into_iter().map(|(label, n)| view! {
                <div class="tile"><strong>{n}</strong><span>{label}</span></div>
            }).collect_view()}
            <div class="tile"><strong data-testid="revenue-today">{krw(d.revenue_today)}</strong><span>{t("admin-paid-today")}</span></div>
            <div class="tile"><strong data-testid="revenue-week">{krw(d.revenue_week)}</strong><span>{t("admin-paid-week")}</span></div>
        </section>
        <section aria-labelledby="expiry-heading">
            <h2 id="expiry-heading">{t("admin-expiry")}</h2>
            <p class=if d.overdue == 0 { "health ok" } else { "health late" } data-testid="expiry-health">
                {if d.overdue == 0 {
                    t("admin-expiry-healthy")
                } else {
                    ta("admin-expiry-overdue", &[("count", (d.overdue as i64).into())])
                }}
            </p>
            <p>
                {ta("admin-awaiting-expiry", &[("count", (d.awaiting_expiry as i64).into())])}
                " "
                {match d.last_sweep {
                    Some((ago, n)) => ta("admin-last-sweep", &[("ago", ago.into()), ("count", n.into())]),
                    None => t("admin-no-sweep"),
                }}
            </p>
            {if d.live_workers.is_empty() {
                view! { <p class="meta">{t("admin-no-worker")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" aria-label=t("admin-workers")>
                        {d.live_workers.into_iter().map(|(host, ago)| view! {
                            <li>{ta("admin-worker-swept", &[("host", host.into()), ("ago", ago.into())])}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {if d.near_expiry.is_empty() {
                view! { <p>{t("admin-none-near-expiry")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {d.near_expiry.into_iter().map(|(id, email, total, left)| view! {
                            <li><a href=format!("/admin/orders/{id}")>{format!("#{id}")}</a>{format!(" {email} · {} · {}", krw(total), time_left(left))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="stock-heading">
            <h2 id="stock-heading">{t("admin-low-stock")}</h2>
            {if d.low_stock.is_empty() {
                view! { <p>{t("admin-no-low-stock")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {d.low_stock.into_iter().map(|(id, name, stock)| view! {
                            <li>{format!("#{id} {name}: {}", ta("stock-only-left", &[("count", stock.into())]))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
