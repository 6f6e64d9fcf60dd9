//! The cart (`/cart`) and the server functions that change it. The cart lives in a cookie of
//! product ids and quantities; every view prices it from the database.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::error::ShopError;
use crate::format::krw;
use crate::model::{CartLine, CartView};

/// The cart of this request, priced from the database.
#[cfg(feature = "ssr")]
pub async fn priced_cart() -> Result<CartView, ShopError> {
    let cart = read_cart();
    let ids: Vec<i64> = cart.lines().iter().map(|(id, _)| *id).collect();
    let products = crate::session::facade().products_by_ids(&ids).await?;
    let mut lines = Vec::with_capacity(ids.len());
    for (id, quantity) in cart.lines() {
        let Some(p) = products.iter().find(|p| p.id == *id) else { continue };
        let problem = if p.status != domain::status::product::ON_SALE {
            Some("No longer for sale".to_owned())
        } else if p.stock <= 0 {
            Some("Sold out".to_owned())
        } else if p.stock < *quantity {
            Some(format!("Only {} left", p.stock))
        } else {
            None
        };
        lines.push(CartLine {
            product_id: p.id,
            name: p.name.clone(),
            unit_price: p.price,
            quantity: *quantity,
            line_total: p.price * quantity,
            problem,
        });
    }
    let subtotal = lines.iter().map(|l| l.line_total).sum();
    Ok(CartView { lines, subtotal })
}

#[cfg(feature = "ssr")]
pub fn read_cart() -> crate::cart::Cart {
    crate::session::request_cookie(crate::cart::CART_COOKIE).map(|v| crate::cart::Cart::parse(&v)).unwrap_or_default()
}

/// Stores the cart for 30 days (HttpOnly like the session: only the server reads it).
#[cfg(feature = "ssr")]
pub fn write_cart(cart: &crate::cart::Cart) {
    let policy = crate::session::cookie_policy();
    let max_age = if cart.is_empty() { 0 } else { 30 * 24 * 3600 };
    crate::session::set_cookie(&policy.cookie(crate::cart::CART_COOKIE, &cart.to_cookie_value(), max_age));
}

#[server(endpoint = "cart")]
pub async fn cart() -> Result<CartView, ShopError> {
    priced_cart().await
}

/// Adds units of a product; refuses products that are not for sale or not in stock.
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(product_id: i64, quantity: i64) -> Result<i64, ShopError> {
    if !(1..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new("validation_error", "Choose between 1 and 99."));
    }
    let product = crate::session::facade().product(product_id).await?;
    if product.status != domain::status::product::ON_SALE {
        return Err(ShopError::new("invalid_product", "This product is not for sale."));
    }
    let mut cart = read_cart();
    let in_cart = cart.lines().iter().find(|(id, _)| *id == product_id).map_or(0, |(_, q)| *q);
    if in_cart + quantity > product.stock {
        let message = match product.stock - in_cart {
            ..=0 if in_cart > 0 => "You already have all the units we have in your cart.".to_owned(),
            ..=0 => "Sorry, this product is sold out.".to_owned(),
            left => format!("Sorry, only {left} more can be added."),
        };
        return Err(ShopError::new("out_of_stock", message));
    }
    if !cart.add(product_id, quantity) {
        return Err(ShopError::new("validation_error", "A cart holds at most 20 different products."));
    }
    write_cart(&cart);
    Ok(cart.units())
}

#[server(endpoint = "update_cart")]
pub async fn update_cart(product_id: i64, quantity: i64) -> Result<(), ShopError> {
    if !(0..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new("validation_error", "Choose between 1 and 99, or remove the line."));
    }
    let mut cart = read_cart();
    cart.set(product_id, quantity);
    write_cart(&cart);
    Ok(())
}

#[server(endpoint = "remove_from_cart")]
pub async fn remove_from_cart(product_id: i64) -> Result<(), ShopError> {
    let mut cart = read_cart();
    cart.set(product_id, 0);
    write_cart(&cart);
    Ok(())
}

#[component]
pub fn CartPage() -> impl IntoView {
    let update = ServerAction::<UpdateCart>::new();
    let remove = ServerAction::<RemoveFromCart>::new();
    CartChanged::follow(move || update.version().get() + remove.version().get());
    let cart = Resource::new(move || (update.version().get(), remove.version().get()), |_| cart());
    view! {
        <h1>"Your cart"</h1>
        <ErrorNote result=update.value()/>
        <Suspense fallback=|| view! { <p class="loading">"Loading your cart…"</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.lines.is_empty() => view! {
                        <p>"Your cart is empty. " <a href="/">"Browse the catalog"</a></p>
                    }.into_any(),
                    Ok(c) => view! {
                        <CartTable cart=c.clone() update remove/>
                        <div class="summary">
                            <p class="subtotal">"Subtotal " <strong data-testid="cart-subtotal">{krw(c.subtotal)}</strong></p>
                            <a class="button primary" href="/checkout">"Go to checkout"</a>
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
            <caption class="visually-hidden">"Products in your cart"</caption>
            <thead><tr><th scope="col">"Product"</th><th scope="col">"Price"</th><th scope="col">"Quantity"</th><th scope="col">"Total"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
            <tbody>
                {cart.lines.into_iter().map(|l| view! { <CartRow line=l update remove/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn CartRow(line: CartLine, update: ServerAction<UpdateCart>, remove: ServerAction<RemoveFromCart>) -> impl IntoView {
    let qty_id = format!("qty-{}", line.product_id);
    let qty_label = format!("Quantity of {}", line.name);
    let remove_label = format!(" {}", line.name);
    view! {
        <tr data-product-id=line.product_id>
            <th scope="row">
                <a href=format!("/products/{}", line.product_id)>{line.name.clone()}</a>
                {line.problem.clone().map(|p| view! { <span class="problem">{p}</span> })}
            </th>
            <td>{krw(line.unit_price)}</td>
            <td>
                <ActionForm action=update>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    <label class="visually-hidden" for=qty_id.clone()>{qty_label}</label>
                    <input id=qty_id type="number" name="quantity" min="1" max="99" value=line.quantity class="qty"/>
                    <button type="submit" disabled=update.pending()>"Update"</button>
                </ActionForm>
            </td>
            <td>{krw(line.line_total)}</td>
            <td>
                <ActionForm action=remove>
                    <input type="hidden" name="product_id" value=line.product_id/>
                    <button type="submit" class="link-button" disabled=remove.pending()>
                        "Remove" <span class="visually-hidden">{remove_label}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
