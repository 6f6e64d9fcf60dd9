//! "My orders" (`/orders`) and one order (`/orders/:id`) with its countdown, "Pay" and "Cancel".
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::countdown::Countdown;
use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::format::krw;
#[cfg(feature = "ssr")]
use crate::model::Amounts;
use crate::model::{OrderDetail, OrderSummary};
use crate::pages::account::SignInPrompt;
use crate::pages::checkout::AmountsTable;

/// "Awaiting payment", "Paid", "Expired" or "Cancelled".
pub fn status_label(status: &str, cancel_reason: Option<&str>) -> &'static str {
    match (status, cancel_reason) {
        ("pending_payment", _) => "Awaiting payment",
        ("paid", _) => "Paid",
        ("cancelled", Some("expired")) => "Expired",
        ("cancelled", _) => "Cancelled",
        _ => "Unknown",
    }
}

/// A moment as the pages show it.
#[cfg(feature = "ssr")]
pub fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

#[server(endpoint = "my_orders")]
pub async fn my_orders() -> Result<Vec<OrderSummary>, ShopError> {
    let user = crate::session::require_user().await?;
    let orders = crate::session::facade().orders_of(user.id).await?;
    Ok(orders
        .items
        .into_iter()
        .map(|o| OrderSummary {
            id: o.id,
            status_label: status_label(&o.status, o.cancel_reason.as_deref()).to_owned(),
            status: o.status,
            total: o.total,
            units: o.items.iter().map(|i| i64::from(i.quantity)).sum(),
            created_at: when(o.created_at),
        })
        .collect())
}

#[server(endpoint = "order_detail")]
pub async fn order_of(id: i64) -> Result<OrderDetail, ShopError> {
    let user = crate::session::require_user().await?;
    let facade = crate::session::facade();
    // Another shopper's order reads as not found, exactly like a missing one.
    let o = facade.order_for(user.id, id).await?;
    let coupon_name = match o.coupon_id {
        Some(cid) => facade.coupons_of(user.id).await?.into_iter().find(|c| c.id == cid).map(|c| c.name),
        None => None,
    };
    let amounts = Amounts::from(&o);
    Ok(OrderDetail {
        id: o.id,
        status_label: status_label(&o.status, o.cancel_reason.as_deref()).to_owned(),
        status: o.status,
        lines: o.items.into_iter().map(Into::into).collect(),
        amounts,
        coupon_name,
        expires_at_ms: o.expires_at.timestamp_millis(),
        created_at: when(o.created_at),
        paid_at: o.paid_at.map(when),
        cancelled_at: o.cancelled_at.map(when),
    })
}

#[server(endpoint = "pay_order")]
pub async fn pay_order(order_id: i64, card_number: String) -> Result<(), ShopError> {
    let user = crate::session::require_user().await?;
    let card = Some(card_number.trim()).filter(|c| !c.is_empty());
    if card.is_some_and(|c| c.len() > 32) {
        return Err(ShopError::new("validation_error", "A card number has at most 32 characters."));
    }
    crate::session::facade().pay(user.id, order_id, card).await?;
    Ok(())
}

#[server(endpoint = "cancel_order")]
pub async fn cancel_order(order_id: i64) -> Result<(), ShopError> {
    let user = crate::session::require_user().await?;
    crate::session::facade().cancel_by_customer(user.id, order_id).await?;
    Ok(())
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| my_orders());
    view! {
        <h1>"My orders"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading your orders…"</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) if list.is_empty() => view! { <p>"No orders yet. " <a href="/">"Browse the catalog"</a></p> }.into_any(),
                    Ok(list) => view! {
                        <table class="lines orders">
                            <caption class="visually-hidden">"Your orders, newest first"</caption>
                            <thead><tr><th scope="col">"Order"</th><th scope="col">"Placed"</th><th scope="col">"Items"</th><th scope="col">"Total"</th><th scope="col">"Status"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|o| view! {
                                    <tr data-order-id=o.id>
                                        <th scope="row"><a href=format!("/orders/{}", o.id)>{format!("#{}", o.id)}</a></th>
                                        <td>{o.created_at}</td>
                                        <td>{o.units}</td>
                                        <td>{krw(o.total)}</td>
                                        <td><span class=format!("badge {}", o.status)>{o.status_label}</span></td>
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
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let pay = ServerAction::<PayOrder>::new();
    let cancel = ServerAction::<CancelOrder>::new();
    let poll = RwSignal::new(0_u32);
    let order =
        Resource::new(move || (id(), pay.version().get(), cancel.version().get(), poll.get()), |(id, ..)| order_of(id));
    let on_due = Callback::new(move |()| poll.update(|p| *p += 1));
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the order…"</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <OrderView order=o pay cancel on_due/> }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! {
                        <h1>"Order not found"</h1>
                        <p class="error" role="alert">{e.message}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderView(
    order: OrderDetail,
    pay: ServerAction<PayOrder>,
    cancel: ServerAction<CancelOrder>,
    on_due: Callback<()>,
) -> impl IntoView {
    let pending = order.status == "pending_payment";
    let id = order.id;
    view! {
        <h1>{format!("Order #{}", order.id)}</h1>
        <p>
            "Status: " <span class=format!("badge {}", order.status) data-testid="order-status">{order.status_label.clone()}</span>
        </p>
        <p class="meta">{format!("Placed {}", order.created_at)}
            {order.paid_at.clone().map(|t| format!(" · paid {t}"))}
            {order.cancelled_at.clone().map(|t| format!(" · closed {t}"))}
        </p>
        {pending.then(|| view! {
            <Countdown expires_at_ms=order.expires_at_ms deadline_text=deadline_text(order.expires_at_ms) on_due/>
        })}
        <table class="lines">
            <caption class="visually-hidden">"Items in this order"</caption>
            <thead><tr><th scope="col">"Product"</th><th scope="col">"Price"</th><th scope="col">"Quantity"</th><th scope="col">"Total"</th></tr></thead>
            <tbody>
                {order.lines.iter().map(|l| view! {
                    <tr><th scope="row"><a href=format!("/products/{}", l.product_id)>{l.name.clone()}</a></th>
                    <td>{krw(l.unit_price)}</td><td>{l.quantity}</td><td>{krw(l.line_total)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {order.coupon_name.clone().map(|n| view! { <p>"Coupon: " {n}</p> })}
        <AmountsTable amounts=order.amounts.clone()/>
        {pending.then(|| view! {
            <div class="order-actions">
                <ActionForm action=pay>
                    <input type="hidden" name="order_id" value=id/>
                    <label for="card-number">"Card number (test gateway; leave empty for the default test card)"</label>
                    <input id="card-number" type="text" name="card_number" inputmode="numeric" autocomplete="cc-number" maxlength="32"/>
                    <button type="submit" class="primary" disabled=pay.pending()>
                        {move || if pay.pending().get() { "Paying…" } else { "Pay" }}
                    </button>
                </ActionForm>
                <ErrorNote result=pay.value()/>
                <ActionForm action=cancel>
                    <input type="hidden" name="order_id" value=id/>
                    <button type="submit" disabled=cancel.pending()>"Cancel order"</button>
                </ActionForm>
                <ErrorNote result=cancel.value()/>
            </div>
        })}
    }
}

/// The deadline as UTC text, for the server-rendered page.
fn deadline_text(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let day = secs.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02} UTC", day / 3600, day % 3600 / 60, day % 60)
}
