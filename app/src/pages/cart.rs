//! The cart (`/cart`) and the server functions that change it. The cart lives in a cookie of
//! product ids and quantities; every view prices it from the database.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::error::ShopError;
use crate::format::krw;
#[cfg(feature = "ssr")]
use crate::i18n::{say, say_with};
use crate::i18n::{t, ta};
use crate::model::{CartLine, CartView};
#[cfg(feature = "ssr")]
use domain::views::UserView;

/// The cart of this request, priced from the database.
#[cfg(feature = "ssr")]
pub async fn priced_cart(user: Option<&UserView>) -> Result<CartView, ShopError> {
    let mut cart = read_cart(user).await?;
    let ids: Vec<i64> = cart.lines().iter().map(|(id, _)| *id).collect();
    let products = crate::session::facade().catalog().products_by_ids(&ids).await?;
    let mut lines = Vec::with_capacity(ids.len());
    let mut clamped = false;
    for (id, quantity) in cart.lines().to_vec() {
        let Some(p) = products.iter().find(|p| p.id == id) else { continue };
        // More in the cart than is left: the cart takes what is left, and says so.
        let (quantity, problem) = if p.status != domain::status::ProductStatus::OnSale {
            (quantity, Some(say("cart-problem-not-for-sale")))
        } else if p.stock <= 0 {
            (quantity, Some(say("stock-sold-out")))
        } else if p.stock < quantity {
            cart.set(id, p.stock);
            clamped = true;
            (p.stock, Some(say_with("cart-clamped", &[("count", p.stock.into())])))
        } else {
            (quantity, None)
        };
        lines.push(CartLine {
            product_id: p.id,
            name: p.name.clone(),
            picture: p.images.first().map(|i| i.thumbnail_url.clone()),
            unit_price: p.price,
            quantity,
            line_total: p.price * quantity,
            problem,
        });
    }
    if clamped {
        write_cart(user, &cart).await?;
    }
    let subtotal = lines.iter().map(|l| l.line_total).sum();
    Ok(CartView { lines, subtotal })
}

/// The browser's cart (the `shop_cart` cookie): a visitor's, or one not yet merged at sign-in.
#[cfg(feature = "ssr")]
pub fn cookie_cart() -> crate::cart::Cart {
    crate::session::request_cookie(crate::cart::CART_COOKIE).map(|v| crate::cart::Cart::parse(&v)).unwrap_or_default()
}

/// Stores a visitor's cart for 30 days (HttpOnly like the session: only the server reads it);
/// an empty cart clears the cookie.
#[cfg(feature = "ssr")]
pub fn write_cookie_cart(cart: &crate::cart::Cart) {
    let policy = crate::session::cookie_policy();
    let max_age = if cart.is_empty() { 0 } else { 30 * 24 * 3600 };
    crate::session::set_cookie(&policy.cookie(crate::cart::CART_COOKIE, &cart.to_cookie_value(), max_age));
}

/// The cart of `user` (signed in: the account's, which follows them to another browser), or of
/// a visitor (the browser's cookie). Callers look the session up once and pass it here and to
/// [`write_cart`].
#[cfg(feature = "ssr")]
pub async fn read_cart(user: Option<&UserView>) -> Result<crate::cart::Cart, ShopError> {
    match user {
        Some(user) => Ok(crate::cart::Cart::from_lines(&crate::session::facade().orders().cart_of(user.id).await?)),
        None => Ok(cookie_cart()),
    }
}

/// Keeps the cart where [`read_cart`] finds it.
#[cfg(feature = "ssr")]
pub async fn write_cart(user: Option<&UserView>, cart: &crate::cart::Cart) -> Result<(), ShopError> {
    match user {
        Some(user) => crate::session::facade().orders().save_cart(user.id, cart.lines()).await?,
        None => write_cookie_cart(cart),
    }
    Ok(())
}

#[server(endpoint = "cart")]
pub async fn cart() -> Result<CartView, ShopError> {
    priced_cart(crate::session::current_user().await?.as_ref()).await
}

/// Adds units of a product; refuses products that are not for sale or sold out, and takes no
/// more than is left (saying so).
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(product_id: i64, quantity: i64) -> Result<CartAdded, ShopError> {
    if !(1..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("cart-error-quantity")));
    }
    let product = crate::session::facade().catalog().product(product_id).await?;
    if product.status != domain::status::ProductStatus::OnSale {
        return Err(ShopError::new(crate::error::ErrorCode::InvalidProduct, say("cart-problem-not-for-sale")));
    }
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    let in_cart = cart.lines().iter().find(|(id, _)| *id == product_id).map_or(0, |(_, q)| *q);
    let left = product.stock - in_cart;
    if left <= 0 {
        let message = if in_cart > 0 { say("cart-error-all-in-cart") } else { say("cart-error-sold-out") };
        return Err(ShopError::new(crate::error::ErrorCode::OutOfStock, message));
    }
    let taken = quantity.min(left);
    if !cart.add(product_id, taken) {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("cart-error-too-many-lines")));
    }
    write_cart(user.as_ref(), &cart).await?;
    let note = (taken < quantity).then(|| say_with("cart-clamped", &[("count", (in_cart + taken).into())]));
    Ok(CartAdded { units: cart.units(), note })
}

/// What adding to the cart did: the cart's units, and a note when it took fewer than asked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CartAdded {
    pub units: i64,
    pub note: Option<String>,
}

#[server(endpoint = "update_cart")]
pub async fn update_cart(product_id: i64, quantity: i64) -> Result<(), ShopError> {
    if !(0..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("cart-error-quantity-or-remove")));
    }
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    cart.set(product_id, quantity);
    write_cart(user.as_ref(), &cart).await?;
    Ok(())
}

#[server(endpoint = "remove_from_cart")]
pub async fn remove_from_cart(product_id: i64) -> Result<(), ShopError> {
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    cart.set(product_id, 0);
    write_cart(user.as_ref(), &cart).await?;
    Ok(())
}

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
    let qty_id = format!("qty-{}", line.product_id);
    let qty_label = ta("cart-quantity-of", &[("name", line.name.as_str().into())]);
    let remove_label = format!(" {}", line.name);
    view! {
        <tr data-product-id=line.product_id>
            <th scope="row" class="cart-product">
                {line.picture.clone().map(|src| view! { <img src=src alt="" width="64" height="48" class="cart-thumb"/> })}
                <a href=format!("/products/{}", line.product_id)>{line.name.clone()}</a>
                {line.problem.clone().map(|p| view! { <span class="problem">{p}</span> })}
            </th>
            <td data-label=t("col-price")>{krw(line.unit_price)}</td>
            <td data-label=t("col-quantity")>
                <ActionForm action=update>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    <label class="visually-hidden" for=qty_id.clone()>{qty_label}</label>
                    <input id=qty_id type="number" name="quantity" min="1" max="99" value=line.quantity class="qty"/>
                    <button type="submit" disabled=update.pending()>{t("cart-update")}</button>
                </ActionForm>
            </td>
            <td data-label=t("col-total")>{krw(line.line_total)}</td>
            <td>
                <ActionForm action=remove>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    <button type="submit" class="link-button" disabled=remove.pending()>
                        {t("cart-remove")} <span class="visually-hidden">{remove_label}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
