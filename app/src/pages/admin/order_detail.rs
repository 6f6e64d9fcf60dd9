//! `/admin/orders/:id`: one order as staff read it - who, what, amounts in ₩, the shipping
//! address, and its timeline as sentences in the shop's time zone (raw details folded away) -
//! with what staff can do: cancel an order awaiting payment, and leave an internal note. Both ask
//! first and show their result in the timeline. Re-reads itself every 3 s.
use std::time::Duration;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminOnly};
use crate::components::amounts_table::AmountsTable;
use crate::components::notice::ErrorNote;
use crate::components::shipping_note::ShippingNote;
use crate::components::ticker::ticker;
use crate::error::ShopError;
use crate::format::krw;
use crate::i18n::{t, ta};
use crate::model::{Amounts, OrderLineView, ShippingAddress};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: contract::EventKind,
    /// What happened, as a sentence in the reader's language.
    pub sentence: String,
    pub at: String,
    /// The raw record (job ids, run times, payment references), for "details".
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrderDetail {
    pub id: i64,
    pub email: String,
    pub state: crate::model::OrderState,
    pub status_label: String,
    pub lines: Vec<OrderLineView>,
    pub amounts: Amounts,
    pub coupon_id: Option<i64>,
    pub created_at: String,
    pub expires_at: String,
    pub shipping: Option<ShippingAddress>,
    pub timeline: Vec<TimelineEntry>,
}

/// An event of `order` as a sentence, in the request's language.
#[cfg(feature = "ssr")]
fn sentence(e: &domain::orders::OrderEventView, order: &domain::orders::OrderView, who: &str) -> String {
    use crate::i18n::{say, say_with};
    use contract::{CancelReason, OrderEvent as E};
    let units: i64 = order.items.iter().map(|i| i64::from(i.quantity)).sum();
    let Ok(event) = E::read(e.kind, e.detail.as_deref()) else {
        // A detail this kind never writes: the kind alone, as the timeline's raw record shows.
        return e.kind.as_str().to_owned();
    };
    match event {
        E::Placed { .. } => say_with(
            "event-placed",
            &[("who", who.into()), ("count", units.into()), ("total", krw(order.total).into())],
        ),
        E::CouponReserved { .. } => say("event-coupon-reserved"),
        E::ExpiryScheduled { .. } => {
            say_with("event-expiry-scheduled", &[("time", crate::format::when(order.expires_at).into())])
        }
        E::ExpiryEnqueueFailed { .. } => say("event-expiry-enqueue-failed"),
        E::Paid { .. } => say_with("event-paid", &[("total", krw(order.total).into())]),
        E::CouponUsed => say("event-coupon-used"),
        E::Cancelled { reason } => say(match reason {
            CancelReason::Expired => "event-cancelled-expired",
            CancelReason::ByCustomer => "event-cancelled-by-customer",
            CancelReason::ByAdmin => "event-cancelled-by-admin",
        }),
        E::StockRestored { .. } => say_with("event-stock-restored", &[("count", units.into())]),
        E::CouponReleased => say("event-coupon-released"),
        E::Refunded { .. } => say_with("event-refunded", &[("total", krw(order.total).into())]),
        E::Note { author, text } => say_with("event-note", &[("author", author.into()), ("text", text.into())]),
    }
}

#[server(endpoint = "admin_order")]
pub async fn load_admin_order(id: i64) -> Result<AdminOrderDetail, ShopError> {
    super::require_admin().await?;
    let (o, events) = crate::session::facade().orders().admin_order(id).await?;
    let when = crate::format::when;
    let order = o.order;
    let timeline = events
        .iter()
        .map(|e| TimelineEntry {
            sentence: sentence(e, &order, &o.user_email),
            kind: e.kind,
            at: when(e.at),
            // A note's detail is the sentence itself; the rest keep their raw record.
            detail: e.detail.clone().filter(|_| e.kind != contract::EventKind::Note),
        })
        .collect();
    let amounts = Amounts::from(&order);
    let state = crate::model::order_state(&order);
    Ok(AdminOrderDetail {
        id: order.id,
        email: o.user_email,
        status_label: crate::format::status_label(state),
        state,
        lines: order.items.into_iter().map(Into::into).collect(),
        amounts,
        coupon_id: order.coupon_id,
        created_at: when(order.created_at),
        expires_at: when(order.expires_at),
        shipping: order.shipping.map(Into::into),
        timeline,
    })
}

#[server(endpoint = "admin_cancel_order")]
pub async fn admin_cancel_order(order_id: i64) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().orders().cancel_by_admin(order_id).await?;
    Ok(())
}

#[server(endpoint = "admin_refund_order")]
pub async fn admin_refund_order(order_id: i64) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().orders().refund(order_id).await?;
    Ok(())
}

#[server(endpoint = "admin_order_note")]
pub async fn admin_order_note(order_id: i64, note: String) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    crate::session::facade().orders().add_order_note(order_id, &admin.email, &note).await?;
    Ok(())
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let tick = ticker(Duration::from_secs(3));
    let cancel = ServerAction::<AdminCancelOrder>::new();
    let note = ServerAction::<AdminOrderNote>::new();
    let refund = ServerAction::<AdminRefundOrder>::new();
    // The page re-renders every 3 s: what the admin is typing or has unfolded lives here, above it.
    let draft =
        Draft { note: RwSignal::new(String::new()), asking: RwSignal::new(false), refunding: RwSignal::new(false) };
    Effect::watch(move || note.version().get(), move |_, _, _| draft.note.set(String::new()), false);
    let order = Resource::new(
        move || (id(), tick.get(), cancel.version().get(), note.version().get(), refund.version().get()),
        |(id, ..)| load_admin_order(id),
    );
    view! {
        <AdminOnly>""</AdminOnly>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <Detail order=o actions=Actions { cancel, refund, note } draft/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What survives the page's re-reads: the note being written, a question being open.
#[derive(Clone, Copy)]
struct Draft {
    note: RwSignal<String>,
    asking: RwSignal<bool>,
    refunding: RwSignal<bool>,
}

#[derive(Clone, Copy)]
struct Actions {
    cancel: ServerAction<AdminCancelOrder>,
    refund: ServerAction<AdminRefundOrder>,
    note: ServerAction<AdminOrderNote>,
}

/// Keeps a `<details>`'s open state in `open` across re-renders.
fn follow_toggle(open: RwSignal<bool>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev: leptos::ev::Event| {
        let is_open = ev.target().is_some_and(|t| {
            leptos::wasm_bindgen::JsCast::unchecked_into::<leptos::web_sys::Element>(t).has_attribute("open")
        });
        open.set(is_open);
    }
}

/// An action that cannot be undone, behind a disclosure that asks first; its form is the child.
#[component]
fn AskFirst(open: RwSignal<bool>, summary: String, question: String, children: Children) -> impl IntoView {
    view! {
        <details class="cancel-order" prop:open=move || open.get() on:toggle=follow_toggle(open)>
            <summary>{summary}</summary>
            <p>{question}</p>
            {children()}
        </details>
    }
}

#[component]
fn Detail(order: AdminOrderDetail, actions: Actions, draft: Draft) -> impl IntoView {
    let Actions { cancel, refund, note } = actions;
    let pending = order.state == crate::model::OrderState::PendingPayment;
    let paid = order.state == crate::model::OrderState::Paid;
    let id = order.id;
    let total = order.amounts.total;
    view! {
        <Title text=ta("order-number", &[("id", order.id.into())])/>
        <h1>{ta("order-title", &[("id", order.id.into())])}</h1>
        <p>
            <span class=format!("badge {}", order.state) data-testid="admin-order-status">{order.status_label}</span>
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
                    <tr><th scope="row">{format!("{} (#{})", l.name, l.product_id)}
                        {l.options_label.map(|o| view! { <span class="line-options">{o}</span> })}</th>
                    <td data-label=t("admin-col-unit-price")>{krw(l.unit_price)}</td>
                    <td data-label=t("col-quantity")>{l.quantity}</td>
                    <td data-label=t("col-total")>{krw(l.line_total)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {order.coupon_id.map(|c| view! { <p>{ta("admin-issued-coupon", &[("id", c.into())])}</p> })}
        <AmountsTable amounts=order.amounts/>
        {order.shipping.map(|s| view! { <ShippingNote address=s/> })}
        <section class="admin-actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t("admin-actions")}</h2>
            {pending.then(|| view! {
                <AskFirst open=draft.asking summary=t("admin-cancel-order") question=t("admin-cancel-question")>
                    <ActionForm action=cancel>
                        <input type="hidden" name="order_id" value=id/>
                        <button type="submit" class="danger" disabled=cancel.pending()>{t("admin-cancel-confirm")}</button>
                    </ActionForm>
                </AskFirst>
            })}
            <ErrorNote result=cancel.value()/>
            {paid.then(|| view! {
                <AskFirst open=draft.refunding summary=t("admin-refund-order")
                    question=ta("admin-refund-question", &[("total", krw(total).into())])>
                    <ActionForm action=refund>
                        <input type="hidden" name="order_id" value=id/>
                        <button type="submit" class="danger" disabled=refund.pending()>{t("admin-refund-confirm")}</button>
                    </ActionForm>
                </AskFirst>
            })}
            <ErrorNote result=refund.value()/>
            <ActionForm action=note attr:class="note-form">
                <input type="hidden" name="order_id" value=id/>
                <label for="order-note">{t("admin-note")}</label>
                <textarea id="order-note" name="note" rows="2" maxlength="1000" required
                    prop:value=move || draft.note.get()
                    on:input=move |ev| draft.note.set(event_target_value(&ev))></textarea>
                <button type="submit" disabled=note.pending()>{t("admin-note-add")}</button>
            </ActionForm>
            <ErrorNote result=note.value()/>
        </section>
        <h2>{t("admin-timeline")}</h2>
        <ol class="timeline" data-testid="timeline">
            {order.timeline.into_iter().map(|e| view! {
                <li data-kind=e.kind.as_str()>
                    <time>{e.at}</time> " " <span class="sentence">{e.sentence}</span>
                    {e.detail.map(|d| view! {
                        <details class="raw"><summary>{t("admin-details")}</summary><code>{d}</code></details>
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
}
