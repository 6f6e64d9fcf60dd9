//! Checkout (`/checkout?coupon=ID`): the cart, the shopper's coupons (unusable ones disabled with
//! the reason), the domain's quote for the chosen coupon, and "Place order". The amounts always
//! come from the server's quote; the browser does no price arithmetic.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::amounts_table::AmountsTable;
use crate::components::notice::ErrorNote;
use crate::components::sign_in_prompt::SignInPrompt;
use crate::error::ShopError;
use crate::format::krw;
use crate::i18n::{t, ta};
#[cfg(feature = "ssr")]
use crate::model::Amounts;
use crate::model::{CheckoutView, CouponOption};

#[server(endpoint = "checkout")]
pub async fn checkout(coupon: Option<i64>) -> Result<CheckoutView, ShopError> {
    use domain::PlaceOrder;
    use domain::types::{IdempotencyKey, OrderLines};
    let user = crate::session::require_user().await?;
    let facade = crate::session::facade();
    let cart = crate::server_fns::cart::priced_cart(Some(&user)).await?;
    let coupons = facade
        .coupons()
        .coupon_choices(user.id, cart.subtotal)
        .await?
        .into_iter()
        .map(|c| CouponOption {
            id: c.coupon.id,
            name: c.coupon.name,
            discount: c.discount.ok(),
            unusable: c.discount.err().map(crate::error::coupon_reason),
        })
        .collect();
    let quote = match OrderLines::parse_picks(cart.lines.iter().map(|l| (l.product_id, l.variant_id, l.quantity))) {
        Err(e) => Err(e.into()),
        Ok(lines) => facade
            .orders()
            .quote(user.id, &PlaceOrder { lines, coupon_id: coupon, idempotency_key: None, shipping: None })
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
        shipping: facade.orders().last_shipping(user.id).await?.map(Into::into),
    })
}

/// Places the cart as an order, to the address given (the storefront always asks for one); on
/// success the cart empties and the order page opens as a confirmation.
// A server function's arguments are its form's fields, one each.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "place_order")]
pub async fn place_cart_order(
    coupon: String,
    key: String,
    #[server(default)] recipient: String,
    #[server(default)] phone: String,
    #[server(default)] postal_code: String,
    #[server(default)] address1: String,
    #[server(default)] address2: String,
) -> Result<i64, ShopError> {
    use domain::PlaceOrder;
    use domain::types::{IdempotencyKey, OrderLines, Shipping};
    let user = crate::session::require_user().await?;
    let shipping = Shipping::parse(&recipient, &phone, &postal_code, &address1, Some(&address2))?;
    let cart = crate::server_fns::cart::read_cart(Some(&user)).await?;
    let lines = OrderLines::parse_picks(cart.lines().iter().map(|(pick, q)| (pick.product_id, pick.variant_id, *q)))?;
    let placed = crate::session::facade()
        .orders()
        .place_order(
            user.id,
            PlaceOrder {
                lines,
                coupon_id: coupon.trim().parse::<i64>().ok(),
                idempotency_key: Some(IdempotencyKey::parse(&key)?),
                shipping: Some(shipping),
            },
        )
        .await?;
    crate::server_fns::cart::write_cart(Some(&user), &crate::cart::Cart::default()).await?;
    leptos_axum::redirect(&format!("/orders/{}?placed=1", placed.order.id));
    Ok(placed.order.id)
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let query = use_query_map();
    let coupon = move || query.read().get("coupon").and_then(|c| c.parse::<i64>().ok());
    let place = ServerAction::<PlaceCartOrder>::new();
    let typed = RwSignal::new(None::<crate::model::ShippingAddress>);
    // A failed placing (say, sold out meanwhile) re-reads the cart and the quote.
    let view_data = Resource::new(move || (coupon(), place.version().get()), |(c, _)| checkout(c));
    view! {
        <Title text=t("checkout-title")/>
        <h1>{t("checkout-title")}</h1>
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(v) if v.cart.lines.is_empty() => view! {
                        <p>{t("cart-empty")} " " <a href="/">{t("browse-catalog")}</a></p>
                    }.into_any(),
                    Ok(v) => view! { <CheckoutForm data=v place typed/> }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CheckoutForm(
    data: CheckoutView,
    place: ServerAction<PlaceCartOrder>,
    typed: RwSignal<Option<crate::model::ShippingAddress>>,
) -> impl IntoView {
    let failed_line = move || {
        place
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().and_then(|e| Some((e.product_id?, e.variant_id)))))
    };
    let selected = data.selected_coupon.map(|c| c.to_string()).unwrap_or_default();
    let can_place = data.quote.is_ok();
    view! {
        <section aria-labelledby="items-heading">
            <h2 id="items-heading">{t("checkout-items")}</h2>
            <ul class="checkout-lines">
                {data.cart.lines.iter().map(|l| {
                    let id = (l.product_id, l.variant_id);
                    view! {
                        <li data-product-id=id.0 data-variant-id=id.1>
                            <span>
                                {format!("{} × {}", l.name, l.quantity)}
                                {l.options_label.clone().map(|o| view! { <span class="line-options">{o}</span> })}
                            </span>
                            <span>{krw(l.line_total)}</span>
                            {l.problem.clone().map(|p| view! { <span class="problem">{p}</span> })}
                            {move || (failed_line() == Some(id)).then(|| view! {
                                <span class="problem" role="alert">{t("checkout-line-out-of-stock")}</span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <a href="/cart">{t("checkout-change-cart")}</a>
        </section>
        <CouponPicker coupons=data.coupons.clone() selected=data.selected_coupon/>
        <section aria-labelledby="total-heading" class="summary">
            <h2 id="total-heading">{t("checkout-payment-amount")}</h2>
            {match data.quote.clone() {
                Ok(a) => view! { <AmountsTable amounts=a/> }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-testid="quote-error">{e.message}</p> }.into_any(),
            }}
            <ActionForm action=place attr:class="place-form">
                <input type="hidden" name="coupon" value=selected/>
                <input type="hidden" name="key" value=data.idempotency_key.clone()/>
                <ShippingFields address=data.shipping.clone().unwrap_or_default() typed/>
                <ErrorNote result=place.value()/>
                <button type="submit" class="primary" disabled=move || place.pending().get() || !can_place>
                    {move || if place.pending().get() { t("checkout-placing") } else { t("checkout-place-order") }}
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
            <h2 id="coupon-heading">{t("checkout-coupon")}</h2>
            <form method="get" action="/checkout" class="coupon-picker" on:change=on_change>
                <fieldset>
                    <legend class="visually-hidden">{t("checkout-choose-coupon")}</legend>
                    <label class="choice">
                        <input type="radio" name="coupon" value="" checked=selected.is_none()/>
                        <span class="coupon-name">{t("checkout-no-coupon")}</span>
                    </label>
                    {coupons.into_iter().map(|c| {
                        let usable = c.discount.is_some();
                        let note = match (&c.discount, &c.unusable) {
                            (Some(d), _) => format!("−{}", krw(*d)),
                            (None, Some(why)) => ta("checkout-coupon-unusable", &[("reason", why.as_str().into())]),
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
                // Without JavaScript the choice applies by this button; once hydrated it applies
                // at once and the button hides (`[data-hydrated] .no-js-only` in the style sheet).
                <button type="submit" class="no-js-only">{t("checkout-apply-coupon")}</button>
            </form>
        </section>
    }
}

/// The shipping address, filled with the last order's. Korean addresses: a 5-digit postal code,
/// the street address, then building and unit.
#[component]
fn ShippingFields(
    address: crate::model::ShippingAddress,
    /// What the shopper typed: choosing a coupon re-renders the form, and must not lose it.
    typed: RwSignal<Option<crate::model::ShippingAddress>>,
) -> impl IntoView {
    let address = typed.get_untracked().unwrap_or(address);
    let keep = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let value = input.value();
        typed.update(|t| {
            let a = t.get_or_insert_with(Default::default);
            match input.name().as_str() {
                "recipient" => a.recipient = value,
                "phone" => a.phone = value,
                "postal_code" => a.postal_code = value,
                "address1" => a.address1 = value,
                "address2" => a.address2 = value,
                _ => {}
            }
        });
    };
    view! {
        <fieldset class="shipping-fields" on:input=keep>
            <legend>{t("ship-heading")}</legend>
            <div>
                <label for="ship-recipient">{t("ship-recipient")}</label>
                <input id="ship-recipient" type="text" name="recipient" autocomplete="name" required maxlength="100"
                    value=address.recipient/>
            </div>
            <div>
                <label for="ship-phone">{t("ship-phone")}</label>
                <input id="ship-phone" type="tel" name="phone" autocomplete="tel" required maxlength="100"
                    placeholder="010-1234-5678" value=address.phone/>
            </div>
            <div>
                <label for="ship-postal-code">{t("ship-postal-code")}</label>
                <input id="ship-postal-code" type="text" name="postal_code" autocomplete="postal-code" required
                    inputmode="numeric" pattern="[0-9]{5}" maxlength="5" placeholder="06236" class="postal"
                    aria-describedby="ship-postal-hint" value=address.postal_code/>
                <p id="ship-postal-hint" class="hint">{t("ship-postal-hint")}</p>
            </div>
            <div class="wide">
                <label for="ship-address1">{t("ship-address1")}</label>
                <input id="ship-address1" type="text" name="address1" autocomplete="address-line1" required maxlength="100"
                    value=address.address1/>
            </div>
            <div class="wide">
                <label for="ship-address2">{t("ship-address2")}</label>
                <input id="ship-address2" type="text" name="address2" autocomplete="address-line2" maxlength="100"
                    value=address.address2/>
            </div>
        </fieldset>
    }
}
