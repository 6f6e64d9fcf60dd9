//! The cart's server functions: reading it priced from the database, adding, changing and
//! removing lines. The cart lives in the account (signed in) or in a cookie (`crate::cart`).
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::cart::{cookie_cart, write_cookie_cart};
use crate::error::ShopError;
#[cfg(feature = "ssr")]
use crate::i18n::{say, say_with};
#[cfg(feature = "ssr")]
use crate::model::CartLine;
use crate::model::CartView;
#[cfg(feature = "ssr")]
use domain::accounts::UserView;

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
