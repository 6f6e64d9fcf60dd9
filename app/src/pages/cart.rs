//! The cart (`/cart`): its lines priced from the database, quantities changed in place. Its
//! server functions are shared with the header and the product cards (`server_fns/cart.rs`).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::format::krw;
use crate::i18n::{t, ta};
use crate::model::{CartLine, CartView};
use crate::server_fns::cart::{RemoveFromCart, UpdateCart, cart};

#[component]
pub fn CartPage() -> impl IntoView {
    let update = ServerAction::<UpdateCart>::new();
    let remove = ServerAction::<RemoveFromCart>::new();
    CartChanged::follow(move || update.version().get() + remove.version().get());
    let cart = Resource::new(move || (update.version().get(), remove.version().get()), |_| cart());
    view! {
        <Title text=t("cart-title")/>
        <h1>{t("cart-title")}</h1>
        <ErrorNote result=update.value()/>
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.lines.is_empty() => view! {
                        <p>{t("cart-empty")} " " <a href="/">{t("browse-catalog")}</a></p>
                    }.into_any(),
                    Ok(c) => view! {
                        <CartTable cart=c.clone() update remove/>
                        <div class="summary">
                            <p class="subtotal">{t("amount-subtotal")} " " <strong data-testid="cart-subtotal">{krw(c.subtotal)}</strong></p>
                            <a class="button primary" href="/checkout">{t("cart-go-to-checkout")}</a>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CartTable(cart: CartView, update: ServerAction<UpdateCart>, remove: ServerAction<RemoveFromCart>) -> impl IntoView {
    view! {
        <table class="lines">
            <caption class="visually-hidden">{t("cart-caption")}</caption>
            <thead><tr>
                <th scope="col">{t("col-product")}</th><th scope="col">{t("col-price")}</th>
                <th scope="col">{t("col-quantity")}</th><th scope="col">{t("col-total")}</th>
                <th scope="col"><span class="visually-hidden">{t("cart-remove")}</span></th>
            </tr></thead>
            <tbody>
                {cart.lines.into_iter().map(|l| view! { <CartRow line=l update remove/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn CartRow(line: CartLine, update: ServerAction<UpdateCart>, remove: ServerAction<RemoveFromCart>) -> impl IntoView {
    let qty_id = match line.variant_id {
        Some(v) => format!("qty-{}-{v}", line.product_id),
        None => format!("qty-{}", line.product_id),
    };
    let variant_input = move || line.variant_id.map(|v| view! { <input type="hidden" name="variant_id" value=v/> });
    let full_name = match &line.options_label {
        Some(options) => format!("{} ({options})", line.name),
        None => line.name.clone(),
    };
    let qty_label = ta("cart-quantity-of", &[("name", full_name.as_str().into())]);
    let remove_label = format!(" {full_name}");
    view! {
        <tr data-product-id=line.product_id data-variant-id=line.variant_id>
            <th scope="row" class="cart-product">
                {line.picture.clone().map(|src| view! { <img src=src alt="" width="64" height="48" class="cart-thumb"/> })}
                <a href=format!("/products/{}", line.product_id)>{line.name.clone()}</a>
                {line.options_label.clone().map(|o| view! { <span class="line-options">{o}</span> })}
                {line.problem.clone().map(|p| view! { <span class="problem">{p}</span> })}
            </th>
            <td data-label=t("col-price")>{krw(line.unit_price)}</td>
            <td data-label=t("col-quantity")>
                <ActionForm action=update>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    {variant_input}
                    <label class="visually-hidden" for=qty_id.clone()>{qty_label}</label>
                    <input id=qty_id type="number" name="quantity" min="1" max="99" value=line.quantity class="qty"/>
                    <button type="submit" disabled=update.pending()>{t("cart-update")}</button>
                </ActionForm>
            </td>
            <td data-label=t("col-total")>{krw(line.line_total)}</td>
            <td>
                <ActionForm action=remove>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    {variant_input}
                    <button type="submit" class="link-button" disabled=remove.pending()>
                        {t("cart-remove")} <span class="visually-hidden">{remove_label}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
