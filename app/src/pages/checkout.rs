//! Checkout (`/checkout?coupon=ID`): the cart, the shopper's coupons (unusable ones disabled with
//! the reason), the domain's quote for the chosen coupon, and "Place order". The amounts always
//! come from the server's quote; the browser does no price arithmetic.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::format::krw;
use crate::model::{Amounts, CheckoutView, CouponOption};
use crate::pages::account::SignInPrompt;

#[server(endpoint = "checkout")]
pub async fn checkout(coupon: Option<i64>) -> Result<CheckoutView, ShopError> {
    use domain::PlaceOrder;
    use domain::types::{IdempotencyKey, OrderLines};
    let user = crate::session::require_user().await?;
    let facade = crate::session::facade();
    let cart = crate::pages::cart::priced_cart().await?;
    let coupons = facade
        .coupon_choices(user.id, cart.subtotal)
        .await?
        .into_iter()
        .map(|c| CouponOption {
            id: c.coupon.id,
            name: c.coupon.name,
            discount: c.discount.ok(),
            unusable: c.discount.err().map(|r| crate::error::coupon_reason(r).to_owned()),
        })
        .collect();
    let quote = match OrderLines::parse(cart.lines.iter().map(|l| (l.product_id, l.quantity))) {
        Err(e) => Err(e.into()),
        Ok(lines) => facade
            .quote(user.id, &PlaceOrder { lines, coupon_id: coupon, idempotency_key: None })
            .await
            .map(|q| Amounts { subtotal: q.subtotal, discount: q.discount, total: q.total })
            .map_err(ShopError::from),
    };
    Ok(CheckoutView {
        cart,
        coupons,
        selected_coupon: coupon,
        quote,
        idempotency_key: IdempotencyKey::generate().as_str().to_owned(),
    })
}

/// Places the cart as an order; on success the cart empties and the order page opens.
#[server(endpoint = "place_order")]
pub async fn place_cart_order(coupon: String, key: String) -> Result<i64, ShopError> {
    use domain::PlaceOrder;
    use domain::types::{IdempotencyKey, OrderLines};
    let user = crate::session::require_user().await?;
    let cart = crate::pages::cart::read_cart();
    let lines = OrderLines::parse(cart.lines().iter().copied())?;
    let placed = crate::session::facade()
        .place_order(
            user.id,
            PlaceOrder {
                lines,
                coupon_id: coupon.trim().parse::<i64>().ok(),
                idempotency_key: Some(IdempotencyKey::parse(&key)?),
            },
        )
        .await?;
    crate::pages::cart::write_cart(&crate::cart::Cart::default());
    leptos_axum::redirect(&format!("/orders/{}", placed.order.id));
    Ok(placed.order.id)
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let query = use_query_map();
    let coupon = move || query.read().get("coupon").and_then(|c| c.parse::<i64>().ok());
    let place = ServerAction::<PlaceCartOrder>::new();
    // A failed placing (say, sold out meanwhile) re-reads the cart and the quote.
    let view_data = Resource::new(move || (coupon(), place.version().get()), |(c, _)| checkout(c));
    view! {
        <h1>"Checkout"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading checkout…"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(v) if v.cart.lines.is_empty() => view! {
                        <p>"Your cart is empty. " <a href="/">"Browse the catalog"</a></p>
                    }.into_any(),
                    Ok(v) => view! { <CheckoutForm data=v place/> }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CheckoutForm(data: CheckoutView, place: ServerAction<PlaceCartOrder>) -> impl IntoView {
    let failed_product = move || place.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()?.product_id));
    let selected = data.selected_coupon.map(|c| c.to_string()).unwrap_or_default();
    let can_place = data.quote.is_ok();
    view! {
        <section aria-labelledby="items-heading">
            <h2 id="items-heading">"Items"</h2>
            <ul class="checkout-lines">
                {data.cart.lines.iter().map(|l| {
                    let id = l.product_id;
                    view! {
                        <li data-product-id=id>
                            <span>{format!("{} × {}", l.name, l.quantity)}</span>
                            <span>{krw(l.line_total)}</span>
                            {l.problem.clone().map(|p| view! { <span class="problem">{p}</span> })}
                            {move || (failed_product() == Some(id)).then(|| view! {
                                <span class="problem" role="alert">"Not enough stock left for this item."</span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <a href="/cart">"Change the cart"</a>
        </section>
        <CouponPicker coupons=data.coupons.clone() selected=data.selected_coupon/>
        <section aria-labelledby="total-heading" class="summary">
            <h2 id="total-heading">"Total"</h2>
            {match data.quote.clone() {
                Ok(a) => view! { <AmountsTable amounts=a/> }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-testid="quote-error">{e.message}</p> }.into_any(),
            }}
            <ActionForm action=place>
                <input type="hidden" name="coupon" value=selected/>
                <input type="hidden" name="key" value=data.idempotency_key.clone()/>
                <ErrorNote result=place.value()/>
                <button type="submit" class="primary" disabled=move || place.pending().get() || !can_place>
                    {move || if place.pending().get() { "Placing order…" } else { "Place order" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// A GET form, so it works without JavaScript ("Apply coupon"); with JavaScript a choice applies
/// at once.
#[component]
fn CouponPicker(coupons: Vec<CouponOption>, selected: Option<i64>) -> impl IntoView {
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        navigate(&format!("/checkout?coupon={value}"), Default::default());
    };
    view! {
        <section aria-labelledby="coupon-heading">
            <h2 id="coupon-heading">"Coupon"</h2>
            <form method="get" action="/checkout" class="coupon-picker" on:change=on_change>
                <fieldset>
                    <legend class="visually-hidden">"Choose a coupon"</legend>
                    <label class="choice">
                        <input type="radio" name="coupon" value="" checked=selected.is_none()/>
                        "No coupon"
                    </label>
                    {coupons.into_iter().map(|c| {
                        let usable = c.discount.is_some();
                        let note = match (&c.discount, &c.unusable) {
                            (Some(d), _) => format!("−{}", krw(*d)),
                            (None, Some(why)) => format!("Can't be used: {why}"),
                            (None, None) => String::new(),
                        };
                        view! {
                            <label class="choice" class:disabled=!usable data-coupon-id=c.id>
                                <input type="radio" name="coupon" value=c.id.to_string()
                                    checked=selected == Some(c.id) disabled=!usable/>
                                <span class="coupon-name">{c.name.clone()}</span>
                                <span class="coupon-note">{note}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">"Apply coupon"</button>
            </form>
        </section>
    }
}

#[component]
pub fn AmountsTable(amounts: Amounts) -> impl IntoView {
    view! {
        <dl class="amounts">
            <dt>"Subtotal"</dt><dd data-testid="subtotal">{krw(amounts.subtotal)}</dd>
            <dt>"Discount"</dt><dd data-testid="discount">{format!("−{}", krw(amounts.discount))}</dd>
            <dt>"Total"</dt><dd data-testid="total"><strong>{krw(amounts.total)}</strong></dd>
        </dl>
    }
}
