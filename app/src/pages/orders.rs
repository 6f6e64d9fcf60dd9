//! "My orders" (`/orders`) and one order (`/orders/:id`) with its countdown, "Pay" and "Cancel".
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::amounts_table::AmountsTable;
use crate::components::countdown::Countdown;
use crate::components::notice::ErrorNote;
use crate::components::shipping_note::ShippingNote;
use crate::components::sign_in_prompt::SignInPrompt;
use crate::components::ticker::ticker;
use crate::error::ShopError;
use crate::format::krw;
#[cfg(feature = "ssr")]
use crate::format::status_label;
#[cfg(feature = "ssr")]
use crate::format::{time_of_day, when};
use crate::i18n::{t, ta};
#[cfg(feature = "ssr")]
use crate::model::Amounts;
use crate::model::{OrderDetail, OrderState, OrderSummary};

#[server(endpoint = "my_orders")]
pub async fn my_orders() -> Result<Vec<OrderSummary>, ShopError> {
    let user = crate::session::require_user().await?;
    let orders = crate::session::facade().orders().orders_of(user.id).await?;
    orders
        .items
        .into_iter()
        .map(|o| {
            let state = crate::model::order_state(&o);
            Ok(OrderSummary {
                id: o.id,
                status_label: status_label(state),
                state,
                total: o.total,
                units: o.items.iter().map(|i| i64::from(i.quantity)).sum(),
                created_at: when(o.created_at),
            })
        })
        .collect()
}

#[server(endpoint = "order_detail")]
pub async fn order_of(id: i64) -> Result<OrderDetail, ShopError> {
    let user = crate::session::require_user().await?;
    let facade = crate::session::facade();
    // Another shopper's order reads as not found, exactly like a missing one.
    let o = facade.orders().order_for(user.id, id).await?;
    let coupon_name = match o.coupon_id {
        Some(cid) => facade.coupons().coupons_of(user.id).await?.into_iter().find(|c| c.id == cid).map(|c| c.name),
        None => None,
    };
    let amounts = Amounts::from(&o);
    let state = crate::model::order_state(&o);
    Ok(OrderDetail {
        id: o.id,
        status_label: status_label(state),
        state,
        lines: o.items.into_iter().map(Into::into).collect(),
        amounts,
        coupon_name,
        expires_at_ms: o.expires_at.timestamp_millis(),
        pay_by: time_of_day(o.expires_at),
        created_at: when(o.created_at),
        paid_at: o.paid_at.map(when),
        cancelled_at: o.cancelled_at.map(when),
        shipping: o.shipping.map(Into::into),
    })
}

/// Just the order's state (`pending_payment`, `paid`, `expired`, `cancelled`, `refunded`): what
/// the order page polls every 2 s to follow changes made elsewhere (another tab, the worker, an
/// admin). One indexed read; the page re-reads the whole order only when this changes.
#[server(endpoint = "order_state")]
pub async fn current_order_state(id: i64) -> Result<OrderState, ShopError> {
    let user = crate::session::require_user().await?;
    let o = crate::session::facade().orders().order_for(user.id, id).await?;
    Ok(crate::model::order_state(&o))
}

/// Pays with the card form. Test mode: only the number reaches the gateway (which approves any
/// card but the documented declined one); expiry, CVC and name are checked for shape and then
/// dropped. Nothing of the card is stored.
#[server(endpoint = "pay_order")]
pub async fn pay_order(
    order_id: i64,
    card_number: String,
    #[server(default)] card_expiry: String,
    #[server(default)] card_cvc: String,
    #[server(default)] card_name: String,
) -> Result<(), ShopError> {
    use crate::i18n::say;
    let user = crate::session::require_user().await?;
    let number: String = card_number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if number.len() > 32 {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("pay-error-card-too-long")));
    }
    if !number.is_empty() {
        let expiry = card_expiry.trim();
        let valid_expiry = expiry.len() == 5
            && expiry.as_bytes()[2] == b'/'
            && expiry[..2].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
            && expiry[3..].chars().all(|c| c.is_ascii_digit());
        if !valid_expiry {
            return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("pay-error-expiry")));
        }
        let cvc = card_cvc.trim();
        if !(3..=4).contains(&cvc.len()) || !cvc.chars().all(|c| c.is_ascii_digit()) {
            return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("pay-error-cvc")));
        }
    }
    if card_name.chars().count() > 100 {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("pay-error-name")));
    }
    let card = Some(number.as_str()).filter(|c| !c.is_empty());
    crate::session::facade().orders().pay(user.id, order_id, card).await?;
    Ok(())
}

#[server(endpoint = "cancel_order")]
pub async fn cancel_order(order_id: i64) -> Result<(), ShopError> {
    let user = crate::session::require_user().await?;
    crate::session::facade().orders().cancel_by_customer(user.id, order_id).await?;
    Ok(())
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| my_orders());
    view! {
        <Title text=t("orders-title")/>
        <h1>{t("orders-title")}</h1>
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) if list.is_empty() => view! { <p>{t("orders-empty")} " " <a href="/">{t("browse-catalog")}</a></p> }.into_any(),
                    Ok(list) => view! {
                        <p class="meta" data-testid="orders-count">{ta("orders-count", &[("count", (list.len() as i64).into())])}</p>
                        <table class="lines orders">
                            <caption class="visually-hidden">{t("orders-caption")}</caption>
                            <thead><tr>
                                <th scope="col">{t("col-order")}</th><th scope="col">{t("col-placed")}</th>
                                <th scope="col">{t("col-items")}</th><th scope="col">{t("col-total")}</th>
                                <th scope="col">{t("col-status")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|o| view! {
                                    <tr data-order-id=o.id>
                                        <th scope="row"><a href=format!("/orders/{}", o.id)>{ta("order-number", &[("id", o.id.into())])}</a></th>
                                        <td data-label=t("col-placed")>{o.created_at}</td>
                                        <td data-label=t("col-items")>{ta("units-count", &[("count", o.units.into())])}</td>
                                        <td data-label=t("col-total")>{krw(o.total)}</td>
                                        <td data-label=t("col-status")><span class=format!("badge {}", o.state)>{o.status_label}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // Checkout sends the shopper here with `?placed=1`: the page opens as a confirmation.
    let just_placed = move || query.read().get("placed").is_some();
    let pay = ServerAction::<PayOrder>::new();
    let cancel = ServerAction::<CancelOrder>::new();
    let changed = RwSignal::new(0_u32);
    let order = Resource::new(
        move || (id(), pay.version().get(), cancel.version().get(), changed.get()),
        |(id, ..)| order_of(id),
    );
    follow_state(id, order, changed);
    let on_due = Callback::new(move |()| changed.update(|p| *p += 1));
    view! {
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <OrderView order=o just_placed=just_placed() pay cancel on_due/> }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! {
                        <Title text=t("order-not-found")/>
                        <h1>{t("order-not-found")}</h1>
                        <p class="error" role="alert">{e.message}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// In the browser, every 2 s while the order awaits payment: reads the order's state and, when it
/// differs from what the page shows (paid in another tab, expired by the worker, cancelled by an
/// admin), re-reads the whole order. Polling a one-row read was chosen over server-sent events:
/// a state changes at most a few times in an order's life, 2 s is the latency asked for, and a
/// poll survives proxies and reconnects with no extra machinery.
fn follow_state(
    id: impl Fn() -> i64 + Copy + Send + Sync + 'static,
    order: Resource<Result<OrderDetail, ShopError>>,
    changed: RwSignal<u32>,
) {
    let tick = ticker(std::time::Duration::from_secs(2));
    let shown = move || {
        order.with(|o| match o {
            Some(Ok(o)) => Some(o.state),
            _ => None,
        })
    };
    Effect::new(move |_| {
        tick.track();
        let Some(shown) = shown() else { return };
        if shown != OrderState::PendingPayment {
            return;
        }
        let id = id();
        leptos::task::spawn_local(async move {
            if let Ok(now) = current_order_state(id).await
                && now != shown
            {
                changed.update(|c| *c += 1);
            }
        });
    });
}

#[component]
fn OrderView(
    order: OrderDetail,
    just_placed: bool,
    pay: ServerAction<PayOrder>,
    cancel: ServerAction<CancelOrder>,
    on_due: Callback<()>,
) -> impl IntoView {
    let state = order.state;
    let pending = state == OrderState::PendingPayment;
    let id = order.id;
    view! {
        <Title text=ta("order-number", &[("id", order.id.into())])/>
        {(just_placed && pending).then(|| view! {
            <section class="confirmation" role="status" data-testid="order-confirmation">
                <h2>{t("order-thanks")}</h2>
                <p>{ta("order-thanks-pay-by", &[("time", order.pay_by.as_str().into())])}</p>
            </section>
        })}
        <h1>{ta("order-title", &[("id", order.id.into())])}</h1>
        <p>
            {t("order-status")} " " <span class=format!("badge {}", state) data-testid="order-status">{order.status_label.clone()}</span>
        </p>
        <p class="meta">{ta("order-placed-at", &[("at", order.created_at.as_str().into())])}
            {order.paid_at.clone().map(|at| format!(" · {}", ta("order-paid-at", &[("at", at.into())])))}
            {order.cancelled_at.clone().map(|at| format!(" · {}", ta("order-closed-at", &[("at", at.into())])))}
        </p>
        <OutcomeNote state/>
        {pending.then(|| view! {
            <Countdown expires_at_ms=order.expires_at_ms pay_by=order.pay_by.clone() on_due/>
        })}
        <table class="lines">
            <caption class="visually-hidden">{t("order-caption")}</caption>
            <thead><tr>
                <th scope="col">{t("col-product")}</th><th scope="col">{t("col-price")}</th>
                <th scope="col">{t("col-quantity")}</th><th scope="col">{t("col-total")}</th>
            </tr></thead>
            <tbody>
                {order.lines.iter().map(|l| view! {
                    <tr><th scope="row"><a href=format!("/products/{}", l.product_id)>{l.name.clone()}</a>
                        {l.options_label.clone().map(|o| view! { <span class="line-options">{o}</span> })}</th>
                    <td data-label=t("col-price")>{krw(l.unit_price)}</td>
                    <td data-label=t("col-quantity")>{l.quantity}</td>
                    <td data-label=t("col-total")>{krw(l.line_total)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {order.coupon_name.clone().map(|n| view! { <p>{t("order-coupon")} " " {n}</p> })}
        <AmountsTable amounts=order.amounts.clone()/>
        {order.shipping.clone().map(|s| view! { <ShippingNote address=s/> })}
        {pending.then(|| view! { <PaymentForm id pay/> <CancelForm id cancel/> })}
    }
}

/// What happened and what the shopper can do next, for an order that no longer awaits payment.
#[component]
fn OutcomeNote(state: OrderState) -> impl IntoView {
    let key = match state {
        OrderState::PendingPayment => None,
        OrderState::Paid => Some("order-next-paid"),
        OrderState::Expired => Some("order-next-expired"),
        OrderState::Cancelled => Some("order-next-cancelled"),
        OrderState::Refunded => Some("order-next-refunded"),
    };
    key.map(|key| {
        view! {
            <div class=format!("outcome {state}") data-testid="order-outcome">
                <p>{t(key)}</p>
                <p><a href="/">{t("browse-catalog")}</a> " · " <a href="/orders">{t("nav-my-orders")}</a></p>
            </div>
        }
    })
}

/// A card form as shoppers know it. Test mode: nothing is charged and nothing of the card is kept.
#[component]
fn PaymentForm(id: i64, pay: ServerAction<PayOrder>) -> impl IntoView {
    view! {
        <section class="payment" aria-labelledby="pay-heading">
            <h2 id="pay-heading">{t("pay-heading")}</h2>
            <p class="test-mode" data-testid="test-mode">{t("pay-test-mode")}</p>
            <ActionForm action=pay attr:class="card-form">
                <input type="hidden" name="order_id" value=id/>
                <div class="wide">
                    <label for="card-number">{t("pay-card-number")}</label>
                    <input id="card-number" type="text" name="card_number" inputmode="numeric"
                        autocomplete="cc-number" maxlength="23" placeholder="1234 5678 9012 3456"/>
                </div>
                <div>
                    <label for="card-expiry">{t("pay-card-expiry")}</label>
                    <input id="card-expiry" type="text" name="card_expiry" inputmode="numeric"
                        autocomplete="cc-exp" maxlength="5" placeholder="MM/YY"/>
                </div>
                <div>
                    <label for="card-cvc">{t("pay-card-cvc")}</label>
                    <input id="card-cvc" type="text" name="card_cvc" inputmode="numeric"
                        autocomplete="cc-csc" maxlength="4" placeholder="123"/>
                </div>
                <div class="wide">
                    <label for="card-name">{t("pay-card-name")}</label>
                    <input id="card-name" type="text" name="card_name" autocomplete="cc-name" maxlength="100"/>
                </div>
                <button type="submit" class="primary" disabled=pay.pending()>
                    {move || if pay.pending().get() { t("pay-paying") } else { t("pay-submit") }}
                </button>
            </ActionForm>
            <ErrorNote result=pay.value()/>
        </section>
    }
}

/// Cancelling asks first: a disclosure holds the real button, so the question works without
/// JavaScript too.
#[component]
fn CancelForm(id: i64, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    view! {
        <details class="cancel-order">
            <summary>{t("order-cancel")}</summary>
            <p>{t("order-cancel-question")}</p>
            <ActionForm action=cancel>
                <input type="hidden" name="order_id" value=id/>
                <button type="submit" class="danger" disabled=cancel.pending()>{t("order-cancel-confirm")}</button>
            </ActionForm>
            <ErrorNote result=cancel.value()/>
        </details>
    }
}
